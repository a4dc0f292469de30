package io.topicguard.dsl.ast;

/**
 * The QoS levels a rule applies to, as a bit mask over 0, 1 and 2 (bit {@code 1 << qos}).
 * {@link #ANY} when the rule has no {@code qos} option.
 */
public record Qos(int mask) {

    public static final Qos ANY = new Qos(0b111);

    public Qos {
        if (mask <= 0 || mask > 0b111) {
            throw new IllegalArgumentException("QoS mask must be a non-empty subset of {0,1,2}, got " + mask);
        }
    }

    public static Qos of(int... levels) {
        int mask = 0;
        for (int level : levels) {
            if (level < 0 || level > 2) {
                throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + level);
            }
            mask |= 1 << level;
        }
        return new Qos(mask);
    }

    public boolean allows(int qos) {
        return qos >= 0 && qos <= 2 && (mask & (1 << qos)) != 0;
    }

    public boolean isAny() {
        return mask == ANY.mask;
    }
}
