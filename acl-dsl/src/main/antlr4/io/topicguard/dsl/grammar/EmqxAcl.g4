// EMQX's acl.conf (4.x "acl_file", 5.x authorization source "file"): a sequence of Erlang terms,
// each ended by '.', e.g.
//
//   {allow, {username, {re, "^dashboard$"}}, subscribe, ["$SYS/#"]}.
//   {deny, all}.
//
// The grammar reads generic Erlang terms; io.topicguard.dsl.imports.emqx.EmqxRules gives them
// their meaning, so a wrong shape gets a message about the rule ("expected a who such as
// {username, \"alice\"}") instead of a token-level one.
grammar EmqxAcl;

aclFile
    : (statement)* EOF
    ;

statement
    : term DOT
    ;

term
    : LBRACE (term (COMMA term)*)? RBRACE                               # tupleTerm
    | LBRACKET (term (COMMA term)*)? RBRACKET                           # listTerm
    | ATOM                                                              # atomTerm
    | QUOTED_ATOM                                                       # quotedAtomTerm
    | STRING                                                            # stringTerm
    | BIN_OPEN STRING (SLASH ATOM)? BIN_CLOSE                           # binaryTerm
    | INT                                                               # intTerm
    ;

LBRACE      : '{' ;
RBRACE      : '}' ;
LBRACKET    : '[' ;
RBRACKET    : ']' ;
COMMA       : ',' ;
BIN_OPEN    : '<<' ;
BIN_CLOSE   : '>>' ;
SLASH       : '/' ;
DOT         : '.' ;

INT         : [0-9]+ ;
ATOM        : [a-z] [a-zA-Z0-9_@]* ;
QUOTED_ATOM : '\'' (ESCAPE | ~['\\\r\n])* '\'' ;
STRING      : '"' (ESCAPE | ~["\\])* '"' ;

// Never accepted by the parser: they make a mistake one token the messages can name.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\])* '\\'? ;
VARIABLE    : [A-Z_] [a-zA-Z0-9_@]* ;

COMMENT     : '%' ~[\r\n]* -> skip ;
WS          : [ \t\r\n\f\u000B]+ -> skip ;

UNEXPECTED  : . ;

fragment ESCAPE : '\\' . ;
