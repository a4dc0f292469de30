// The policy language of docs/language.md.
//
// The driver (io.topicguard.dsl.syntax.StatementParser) does not parse a whole file with
// `policy`: it splits the token stream at statement keywords and parses each piece with
// `singleStatement`, so no parse tree outlives its statement and a syntax error costs only the
// statement it is in. `policy` documents the whole language; a test checks that the splitter
// cuts valid input exactly where `policy` puts the statement boundaries.
grammar PolicyGrammar;

policy
    : statement* EOF
    ;

singleStatement
    : statement EOF
    ;

statement
    : DEFAULT value=(ALLOW | DENY)                                      # defaultSetting
    | ANONYMOUS value=(ALLOW | DENY)                                    # anonymousSetting
    | ON DENY value=(IGNORE | DISCONNECT)                               # onDenySetting
    | PARTIAL value=(FILTER | DENY)                                     # partialSetting
    | INCLUDE STRING                                                    # includeStatement
    | SUPERUSER who                                                     # superuserStatement
    | BAN who banClause*                                                # banStatement
    | effect=(ALLOW | DENY) who (TO actions topics option*)?            # ruleStatement
    | CLIENT RULES                                                      # clientRulesStatement
    ;

// `until` and `reason` may come in either order (docs/language.md, Bans); each at most once, and a
// clause given twice is a semantic error, so the message can say which one.
banClause
    : UNTIL STRING                                                      # banUntil
    | REASON STRING                                                     # banReason
    ;

who
    : conjunction (OR conjunction)*
    ;

conjunction
    : unary (AND unary)*
    ;

unary
    : NOT unary                                                         # notWho
    | LPAREN who RPAREN                                                 # parenWho
    | term                                                              # termWho
    ;

// Alternatives that share a first token are factored, so that an error after `username` or
// `qos 1` is reported where it is (with what may follow there), not at the start of the term.
term
    : ALL                                                               # allTerm
    | ANONYMOUS                                                         # anonymousTerm
    | attribute attributeTest                                           # attributeTerm
    | IP ipTest                                                         # ipTerm
    | LISTENER STRING                                                   # listenerTerm
    ;

attributeTest
    : STRING                                                            # equalsTest
    | TILDE STRING                                                      # matchesTest
    | IN stringList                                                     # inTest
    ;

ipTest
    : STRING                                                            # ipSingle
    | IN stringList                                                     # ipList
    ;

attribute
    : name=(USERNAME | CLIENTID | CN)
    ;

stringList
    : LBRACKET STRING (COMMA STRING)* RBRACKET
    ;

actions
    : action (COMMA action)*
    ;

action
    : kind=(PUBLISH | SUBSCRIBE | ALL)
    ;

topics
    : topic (COMMA topic)*
    ;

topic
    : STRING                                                            # filterTopic
    | EQ STRING                                                         # exactTopic
    | ANY                                                               # anyTopic
    ;

option
    : QOS qosLevels                                                     # qosOption
    | RETAIN value=(TRUE | FALSE)                                       # retainOption
    ;

qosLevels
    : INT (COMMA INT)*                                                  # qosList
    | INT RANGE INT                                                     # qosRange
    ;

// Keywords are reserved words, lower case.
ALLOW      : 'allow' ;
DENY       : 'deny' ;
DEFAULT    : 'default' ;
ANONYMOUS  : 'anonymous' ;
ON         : 'on' ;
IGNORE     : 'ignore' ;
DISCONNECT : 'disconnect' ;
PARTIAL    : 'partial' ;
FILTER     : 'filter' ;
INCLUDE    : 'include' ;
SUPERUSER  : 'superuser' ;
BAN        : 'ban' ;
UNTIL      : 'until' ;
REASON     : 'reason' ;
TO         : 'to' ;
ALL        : 'all' ;
NOT        : 'not' ;
AND        : 'and' ;
OR         : 'or' ;
USERNAME   : 'username' ;
CLIENTID   : 'clientid' ;
CN         : 'cn' ;
IP         : 'ip' ;
IN         : 'in' ;
LISTENER   : 'listener' ;
PUBLISH    : 'publish' ;
SUBSCRIBE  : 'subscribe' ;
EQ         : 'eq' ;
ANY        : 'any' ;
QOS        : 'qos' ;
RETAIN     : 'retain' ;
TRUE       : 'true' ;
FALSE      : 'false' ;
CLIENT     : 'client' ;
RULES      : 'rules' ;

TILDE      : '~' ;
LPAREN     : '(' ;
RPAREN     : ')' ;
LBRACKET   : '[' ;
RBRACKET   : ']' ;
COMMA      : ',' ;
RANGE      : '..' ;

INT        : [0-9]+ ;

// Escapes are checked (and decoded) by the AST builder, so a bad one gets its own message
// pointing at the backslash instead of a confusing token error.
STRING     : '"' (ESCAPE | ~["\\\r\n])* '"' ;

// The error tokens below are never accepted by the parser; they exist so that a mistake becomes
// one token the error messages can name ("unterminated string", "unknown word 'usrname'").
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* '\\'? ;
WORD       : [a-zA-Z_] [a-zA-Z_0-9-]* ;

COMMENT    : '#' ~[\r\n]* -> skip ;
WS         : [ \t\r\n\f\u000B]+ -> skip ;

UNEXPECTED : . ;

fragment ESCAPE : '\\' ~[\r\n] ;
