package dev.camelampenet.ampenet.sms;

/** The two alphabets an SMS text can travel in. */
public enum SmsEncoding {
    /** GSM 03.38 7-bit: 160 characters in one part, 153 per part when split. */
    GSM_7(160, 153),
    /** UCS-2 (UTF-16): 70 characters in one part, 67 per part when split. */
    UCS_2(70, 67);

    private final int single;
    private final int perPart;

    SmsEncoding(int single, int perPart) {
        this.single = single;
        this.perPart = perPart;
    }

    public int segmentsFor(int length) {
        if (length == 0) {
            return 1;
        }
        return length <= single ? 1 : (length + perPart - 1) / perPart;
    }
}
