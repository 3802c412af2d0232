package org.congressvote.api.congress;

/** A fraction such as 2/3 (quorum) or 1/2 (majority), kept exact: no floating point decides a result. */
public record Fraction(int numerator, int denominator) {

    public static final Fraction TWO_THIRDS = new Fraction(2, 3);
    public static final Fraction HALF = new Fraction(1, 2);

    public Fraction {
        if (denominator <= 0 || numerator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("a fraction needs 0 <= numerator <= denominator and denominator > 0");
        }
    }

    /** The smallest whole count that reaches this fraction of {@code base}: ceil(base * n / d). */
    public long atLeast(long base) {
        return (base * numerator + denominator - 1) / denominator;
    }

    /** The smallest whole count that is strictly more than this fraction of {@code base}: floor(base * n / d) + 1. */
    public long moreThan(long base) {
        return base * numerator / denominator + 1;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
