// The test files of `topicguard test` (*.acltest): expectations a policy must meet, e.g.
//
//   expect allow username "sensor-17" clientid "sensor-17" publish "telemetry/sensor-17/t" qos 1
//   expect deny  anonymous connect
//   expect deny  username "bob" publish "a/b" because default at "policy.acl:9"
//
// Same lexical conventions as PolicyGrammar.g4: lower-case keywords, double-quoted strings with
// the same escapes, '#' comments, free-form layout. Every expectation starts with `expect`, so the
// driver (io.topicguard.dsl.acltest.AclTestParser) cuts the tokens there and parses each piece
// with `singleExpectation`: a mistake costs only its own expectation and every one is reported.
grammar AclTestGrammar;

testFile
    : expectation* EOF
    ;

singleExpectation
    : expectation EOF
    ;

expectation
    : EXPECT verdict=(ALLOW | DENY | PARTIAL) clientTerm* question because? at?
    ;

// A client without `username` is anonymous; `anonymous` says so explicitly.
clientTerm
    : ANONYMOUS                                                         # anonymousClient
    | name=(USERNAME | CLIENTID | CN | IP | LISTENER) STRING            # attributeClient
    ;

question
    : CONNECT                                                           # connectQuestion
    | PUBLISH STRING publishOption*                                     # publishQuestion
    | SUBSCRIBE STRING (QOS INT)?                                       # subscribeQuestion
    ;

publishOption
    : QOS INT                                                           # publishQos
    | RETAIN value=(TRUE | FALSE)?                                      # publishRetain
    ;

because
    : BECAUSE reason=(RULE | DEFAULT | BANNED | ANONYMOUS | SUPERUSER | INVALID)
    ;

at
    : AT STRING
    ;

EXPECT     : 'expect' ;
ALLOW      : 'allow' ;
DENY       : 'deny' ;
PARTIAL    : 'partial' ;
ANONYMOUS  : 'anonymous' ;
USERNAME   : 'username' ;
CLIENTID   : 'clientid' ;
CN         : 'cn' ;
IP         : 'ip' ;
LISTENER   : 'listener' ;
CONNECT    : 'connect' ;
PUBLISH    : 'publish' ;
SUBSCRIBE  : 'subscribe' ;
QOS        : 'qos' ;
RETAIN     : 'retain' ;
TRUE       : 'true' ;
FALSE      : 'false' ;
BECAUSE    : 'because' ;
RULE       : 'rule' ;
DEFAULT    : 'default' ;
BANNED     : 'banned' ;
SUPERUSER  : 'superuser' ;
INVALID    : 'invalid' ;
AT         : 'at' ;

INT        : [0-9]+ ;
STRING     : '"' (ESCAPE | ~["\\\r\n])* '"' ;

// Never accepted by the parser: they make a mistake one token the messages can name.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* '\\'? ;
WORD       : [a-zA-Z_] [a-zA-Z_0-9-]* ;

COMMENT    : '#' ~[\r\n]* -> skip ;
WS         : [ \t\r\n\f\u000B]+ -> skip ;

UNEXPECTED : . ;

fragment ESCAPE : '\\' ~[\r\n] ;
