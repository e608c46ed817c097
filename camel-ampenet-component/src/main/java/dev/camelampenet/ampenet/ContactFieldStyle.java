package dev.camelampenet.ampenet;

/**
 * How contact fields are named on the wire: upper-case tags ({@code PHONE}, {@code FIRST_NAME}) since server v3.8,
 * lower-case names ({@code phone}, {@code first_name}) up to v3.1.
 */
public enum ContactFieldStyle {
    /** Send both spellings; each server reads the one it knows and ignores the other. */
    AUTO,
    /** Only the upper-case tags (servers v3.8 and newer). */
    UPPER_CASE,
    /** Only the lower-case names (servers up to v3.1). */
    LOWER_CASE
}
