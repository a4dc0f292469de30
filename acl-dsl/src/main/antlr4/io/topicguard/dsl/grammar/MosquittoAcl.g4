// mosquitto's acl_file (mosquitto.conf(5), "acl_file"), one entry per line:
//
//   # comment                   (mosquitto: only with '#' in the first column)
//   user NAME                   (the rest of the line, trimmed, is the name)
//   topic [read|write|readwrite|deny] TOPIC
//   pattern [read|write|readwrite|deny] TOPIC   (%c, %u substituted)
//
// A topic may hold spaces, so the access word and the topic are not told apart here: the line
// is split into words and io.topicguard.dsl.imports.mosquitto.MosquittoLines reads them the way
// mosquitto's strtok-based reader does (first word the access type when a second word follows).
// Keywords are keywords only as the first word of a line (a user may be called "topic").
grammar MosquittoAcl;

aclFile
    : line (NL line)* EOF
    ;

line
    : SP? entry? SP?
    ;

entry
    : USER (SP words)?                                                  # userEntry
    | TOPIC (SP words)?                                                 # topicEntry
    | PATTERN (SP words)?                                               # patternEntry
    | COMMENT                                                           # commentEntry
    | WORD (SP words)?                                                  # unknownEntry
    ;

words
    : word (SP word)*
    ;

// After the keyword, every run of non-blank characters is a word, keywords included.
word
    : WORD | USER | TOPIC | PATTERN | COMMENT
    ;

USER    : 'user' ;
TOPIC   : 'topic' ;
PATTERN : 'pattern' ;

// '#' starts a comment only as the first word of a line; '#' later on a line is a topic wildcard
// (the parser accepts a COMMENT token as a word there and the reader takes its text verbatim).
COMMENT : '#' ~[\r\n]* ;

WORD    : ~[ \t\r\n]+ ;
SP      : [ \t\f\u000B]+ ;
NL      : '\r'? '\n' | '\r' ;
