package io.topicguard.engine.lint;

import io.topicguard.dsl.Diagnostic;
import org.jspecify.annotations.Nullable;

import java.util.regex.Pattern;

/**
 * The stable code of every kind of diagnostic {@code topicguard lint} reports, for machines: CI
 * annotations (SARIF), JSON consumers, suppression lists. Codes never change meaning and are never
 * reused; a new kind of problem gets a new code.
 *
 * <p>Errors are {@code TG0xx}, lint warnings {@code TG1xx}, import warnings {@code TG2xx}. The
 * parser, the linter and the importers word their problems for people; the kind is read from that
 * wording here, in one table, so the codes live in one place and a test holds every message to a
 * specific code.
 */
public enum DiagnosticCode {

    POLICY_ERROR("TG000", "policy-error", Diagnostic.Severity.ERROR, null,
            "an error with no more specific code (including problems reading mosquitto or EMQX files)"),
    SYNTAX_ERROR("TG001", "syntax-error", Diagnostic.Severity.ERROR,
            "^(expected |unexpected character|unterminated string)",
            "the text is not a statement of the language"),
    BAD_ESCAPE("TG002", "bad-escape", Diagnostic.Severity.ERROR,
            "^(unknown escape|'\\\\u' must be followed|the string holds half of a UTF-16)",
            "a string's escape is not one of \\\" \\\\ \\n \\t \\uXXXX"),
    INVALID_TOPIC("TG003", "invalid-topic", Diagnostic.Severity.ERROR,
            "^(a topic |a topic name must not|'[+#]' must |a rule topic must not have more than)",
            "a topic that is not a valid MQTT filter (or beyond the compiled form's 256 levels)"),
    SHARED_SUBSCRIPTION_TOPIC("TG004", "shared-subscription-topic", Diagnostic.Severity.ERROR,
            "^a rule topic must not start with '\\$share/'",
            "a rule topic starting with $share/"),
    UNKNOWN_PLACEHOLDER("TG005", "unknown-placeholder", Diagnostic.Severity.ERROR,
            "^(unknown placeholder|'\\$\\{' starts a placeholder)",
            "a placeholder other than ${username}, ${clientid}, ${cn}, or one never closed"),
    INVALID_REGEX("TG006", "invalid-regex", Diagnostic.Severity.ERROR,
            "^invalid regular expression",
            "a regular expression RE2 does not accept"),
    INVALID_ADDRESS("TG007", "invalid-address", Diagnostic.Severity.ERROR,
            "(is not an IP address or CIDR block|^invalid prefix length|^prefix length /)",
            "an IP address or CIDR block that is not one"),
    INVALID_QOS("TG008", "invalid-qos", Diagnostic.Severity.ERROR,
            "^(QoS must be|empty QoS range)",
            "a QoS outside 0..2, or an empty range"),
    RETAIN_ON_SUBSCRIBE("TG009", "retain-on-subscribe", Diagnostic.Severity.ERROR,
            "^'retain' applies only to publishing",
            "a retain option on a rule whose only action is subscribe"),
    SETTING_TWICE("TG010", "setting-twice", Diagnostic.Severity.ERROR,
            "^'[a-z ]+' is set twice",
            "a setting (default, anonymous, on deny, partial) written twice"),
    CLAUSE_TWICE("TG011", "clause-twice", Diagnostic.Severity.ERROR,
            "^'(qos|retain|until|reason)' is given twice",
            "an option of a rule or a clause of a ban written twice"),
    INVALID_UNTIL("TG012", "invalid-until", Diagnostic.Severity.ERROR,
            "^'until' must be",
            "a ban's until that is not an ISO-8601 date or instant"),
    INCLUDE_PROBLEM("TG013", "include-problem", Diagnostic.Severity.ERROR,
            "^(cannot include|include cycle|includes nested more than|'include' is not possible)",
            "an include that is missing, unreadable, cyclic or nested too deep"),
    UNREADABLE_FILE("TG014", "unreadable-file", Diagnostic.Severity.ERROR,
            "^(cannot read|not a UTF-8 text file|not a policy file)",
            "the policy file cannot be read, or is not UTF-8 text"),
    TOO_COMPLEX("TG015", "too-complex", Diagnostic.Severity.ERROR,
            "^(statement too long|statement too complex|nesting too deep|too many errors|policy too)",
            "a statement or policy beyond the parser's limits"),

    SHADOWED_RULE("TG101", "shadowed-rule", Diagnostic.Severity.WARNING,
            "^this rule never decides",
            "a rule that never decides: an earlier rule applies first whenever it does"),
    DOLLAR_TOPICS("TG102", "wildcard-misses-dollar-topics", Diagnostic.Severity.WARNING,
            "does not match topics starting with '\\$'",
            "a \"#\" or \"+/#\" rule, which does not match $SYS/... (MQTT-4.7.2-1); 'any' may be meant"),
    DEFAULT_ALLOW("TG103", "default-allow", Diagnostic.Severity.WARNING,
            "^'default allow'",
            "'default allow' permits every topic no rule mentions"),
    ANONYMOUS_ALLOW("TG104", "anonymous-allow", Diagnostic.Severity.WARNING,
            "^'anonymous allow'",
            "'anonymous allow' lets clients connect without a username"),
    EXPIRED_BAN("TG105", "expired-ban", Diagnostic.Severity.WARNING,
            "^this ban expired",
            "a ban whose until has passed"),
    NEVER_TRUE("TG106", "never-true-who", Diagnostic.Severity.WARNING,
            "^this who-expression can never be true",
            "a who-expression no client can satisfy"),
    SHADOWING_NOT_CHECKED("TG107", "shadowing-not-checked", Diagnostic.Severity.WARNING,
            "^too many rules to check them all for shadowing",
            "the policy is too large to check every rule for shadowing"),

    IMPORT_DIFFERENCE("TG201", "import-difference", Diagnostic.Severity.WARNING, null,
            "importing a mosquitto or EMQX file: the source broker decides differently, or an entry is dropped"),

    // Codes added later go last, so the index of every earlier code (SARIF's ruleIndex) never changes.
    CLIENT_RULES_TWICE("TG016", "client-rules-twice", Diagnostic.Severity.ERROR,
            "^'client rules' is written twice",
            "a second 'client rules' statement: carried rules are evaluated at one place"),
    CLIENT_RULES_IGNORED("TG108", "client-rules-ignored", Diagnostic.Severity.WARNING,
            "^the policy has no 'client rules' statement",
            "an authenticator that can carry rules (jwt, http) is configured, but the policy has no 'client rules' statement"),
    UNTIED_CLIENTID("TG109", "untied-clientid-placeholder", Diagnostic.Severity.WARNING,
            "^'\\$\\{clientid\\}' is whatever client id the client claims",
            "an allow rule's ${clientid} topic, for clients whose client id the rule does not tie to their username or certificate"),
    UNENFORCED_FOR_MOSQUITTO("TG110", "options-unenforced-for-mosquitto", Diagnostic.Severity.WARNING,
            "^mosquitto-go-auth asks without a QoS or retain flag",
            "a rule with a qos or retain option, served to mosquitto (whose ACL check carries neither) by the decision service");

    private final String id;
    private final String slug;
    private final Diagnostic.Severity severity;
    private final @Nullable Pattern message;
    private final String description;

    DiagnosticCode(String id, String slug, Diagnostic.Severity severity, @Nullable String messagePattern, String description) {
        this.id = id;
        this.slug = slug;
        this.severity = severity;
        this.message = messagePattern == null ? null : Pattern.compile(messagePattern);
        this.description = description;
    }

    /** {@code TG101}. */
    public String id() {
        return id;
    }

    /** {@code shadowed-rule}. */
    public String slug() {
        return slug;
    }

    public Diagnostic.Severity severity() {
        return severity;
    }

    /** What the code means, in one line. */
    public String description() {
        return description;
    }

    /** The code of {@code diagnostic}: the first kind whose wording it has, else the catch-all of its severity. */
    public static DiagnosticCode of(Diagnostic diagnostic) {
        for (DiagnosticCode code : values()) {
            if (code.severity == diagnostic.severity() && code.message != null
                    && code.message.matcher(diagnostic.message()).find()) {
                return code;
            }
        }
        return diagnostic.severity() == Diagnostic.Severity.ERROR ? POLICY_ERROR : IMPORT_DIFFERENCE;
    }
}
