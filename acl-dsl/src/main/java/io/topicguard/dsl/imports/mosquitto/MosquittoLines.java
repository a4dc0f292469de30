package io.topicguard.dsl.imports.mosquitto;

import io.topicguard.dsl.check.Suggestions;
import io.topicguard.dsl.grammar.MosquittoAclParser;
import io.topicguard.dsl.imports.common.ImportReporter;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of an acl_file the way mosquitto 2.0's {@code aclfile__parse} does: the first
 * word is the keyword; after {@code topic}/{@code pattern}, the next word is the access type when
 * another word follows it, and the rest of the line (trimmed) is the topic, spaces included; a
 * lone word is the topic with access readwrite. Where mosquitto would refuse the file the line is
 * an error; where it is merely lax, a warning.
 */
final class MosquittoLines {

    private static final List<String> KEYWORDS = List.of("user", "topic", "pattern");

    private final ImportReporter reporter;
    private final String text;
    private final List<MosquittoEntry> entries = new ArrayList<>();
    private String user;
    private boolean seenUser;

    MosquittoLines(ImportReporter reporter) {
        this.reporter = reporter;
        this.text = reporter.source().text();
    }

    List<MosquittoEntry> read(MosquittoAclParser.AclFileContext file) {
        for (MosquittoAclParser.LineContext line : file.line()) {
            if (reporter.full()) {
                break;
            }
            if (line.entry() != null) {
                entry(line, line.entry());
            }
        }
        return entries;
    }

    private void entry(MosquittoAclParser.LineContext line, MosquittoAclParser.EntryContext entry) {
        Token start = entry.getStart();
        boolean indented = line.getStart().getType() == MosquittoAclParser.SP && line.getStart() != start;
        if (entry instanceof MosquittoAclParser.CommentEntryContext) {
            if (indented) {
                warn(start, "mosquitto 2.0 reads '#' as a comment only in the first column and refuses this line; it is read here as a comment",
                        "move the '#' to the start of the line");
            }
            return;
        }
        List<MosquittoAclParser.WordContext> words = words(entry);
        if (tabSeparated(line, entry, words, !(entry instanceof MosquittoAclParser.UserEntryContext))) {
            warn(start, "mosquitto 2.0 splits words at spaces only, so it refuses this line or reads the tab as part of a word (\"topic read\\tx\" grants readwrite on the topic \"read\\tx\"); the tab is read here as a space",
                    "use spaces between the words");
        }
        if (entry instanceof MosquittoAclParser.UserEntryContext) {
            user(start, words);
        } else if (entry instanceof MosquittoAclParser.TopicEntryContext) {
            topic(false, start, words);
        } else if (entry instanceof MosquittoAclParser.PatternEntryContext) {
            topic(true, start, words);
        } else {
            unknown(start);
        }
    }

    private static List<MosquittoAclParser.WordContext> words(MosquittoAclParser.EntryContext entry) {
        MosquittoAclParser.WordsContext words = entry.getRuleContext(MosquittoAclParser.WordsContext.class, 0);
        return words == null ? List.of() : words.word();
    }

    private void user(Token keyword, List<MosquittoAclParser.WordContext> words) {
        if (words.isEmpty()) {
            error(keyword, "'user' needs a user name", "e.g. user alice");
            return;
        }
        // mosquitto takes the rest of the line as the name: "user John Smith" is the user "John Smith".
        user = rest(words);
        seenUser = true;
    }

    private void topic(boolean pattern, Token keyword, List<MosquittoAclParser.WordContext> words) {
        String keywordText = pattern ? "pattern" : "topic";
        if (words.isEmpty()) {
            error(keyword, "'" + keywordText + "' needs a topic", "e.g. " + keywordText + " read sensors/#");
            return;
        }
        MosquittoEntry.Access access;
        MosquittoAclParser.WordContext topicStart;
        if (words.size() == 1) {
            access = MosquittoEntry.Access.READWRITE;
            topicStart = words.get(0);
            String only = words.get(0).getText();
            if (MosquittoEntry.Access.fromWord(only) != null) {
                warn(topicStart.getStart(), "'" + keywordText + " " + only + "' has no topic: mosquitto reads '" + only
                        + "' as the topic, with access readwrite", "write the topic after the access type: " + keywordText + " " + only + " TOPIC");
            } else {
                warn(keyword, "'" + keywordText + "' without an access type: mosquitto grants readwrite (publish and subscribe)",
                        "write the access type: " + keywordText + " readwrite " + only);
            }
        } else {
            Token accessToken = words.get(0).getStart();
            access = MosquittoEntry.Access.fromWord(accessToken.getText());
            if (access == null) {
                String suggestion = Suggestions.closest(accessToken.getText(), List.of("read", "write", "readwrite", "deny"));
                error(accessToken, "unknown access type '" + accessToken.getText() + "'; expected read, write, readwrite or deny",
                        suggestion != null ? "did you mean '" + suggestion + "'?"
                                : "a topic with spaces needs the access type first: " + keywordText + " readwrite " + rest(words));
                return;
            }
            topicStart = words.get(1);
        }
        String topic = rest(words.subList(words.indexOf(topicStart), words.size()));
        Token first = topicStart.getStart();
        entries.add(new MosquittoEntry(pattern, seenUser ? user : null, access, topic,
                keyword.getLine(), keyword.getCharPositionInLine() + 1, first.getCharPositionInLine() + 1,
                reporter.source().line(keyword.getLine()).strip()));
    }

    private void unknown(Token word) {
        String suggestion = Suggestions.closest(word.getText(), KEYWORDS);
        error(word, "unknown line type '" + word.getText() + "'; an acl_file line starts with user, topic or pattern, or '#' for a comment",
                suggestion != null ? "did you mean '" + suggestion + "'? (mosquitto's keywords are lower case)" : null);
    }

    /**
     * The text from the first word to the end of the last one, inner blanks as written, trailing
     * blanks (C's isspace, as mosquitto trims the line) removed: a word that starts with '#' runs
     * to the end of the line.
     */
    private String rest(List<MosquittoAclParser.WordContext> words) {
        int from = words.get(0).getStart().getStartIndex();
        int to = words.get(words.size() - 1).getStop().getStopIndex() + 1;
        while (to > from && " \t\n\u000B\f\r".indexOf(text.charAt(to - 1)) >= 0) {
            to--;
        }
        return text.substring(from, to);
    }

    /**
     * Whether a blank other than the space separates the words mosquitto splits with
     * {@code strtok(" ")}: before the keyword, after it, and after the access type.
     */
    private static boolean tabSeparated(MosquittoAclParser.LineContext line, MosquittoAclParser.EntryContext entry,
                                        List<MosquittoAclParser.WordContext> words, boolean accessWord) {
        List<Token> separators = new ArrayList<>(3);
        if (line.getStart().getType() == MosquittoAclParser.SP && line.getStart() != entry.getStart()) {
            separators.add(line.getStart());
        }
        if (entry.getChildCount() > 1 && entry.getChild(1) instanceof TerminalNode node) {
            separators.add(node.getSymbol());
        }
        if (accessWord && words.size() >= 2 && words.get(0).getParent().getChild(1) instanceof TerminalNode node) {
            separators.add(node.getSymbol());
        }
        return separators.stream().anyMatch(t -> !t.getText().chars().allMatch(c -> c == ' '));
    }

    private void error(Token token, String message, String hint) {
        reporter.error(token.getLine(), token.getCharPositionInLine() + 1, message, hint);
    }

    private void warn(Token token, String message, String hint) {
        reporter.warning(token.getLine(), token.getCharPositionInLine() + 1, message, hint);
    }
}
