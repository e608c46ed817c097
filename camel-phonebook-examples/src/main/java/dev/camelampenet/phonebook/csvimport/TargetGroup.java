package dev.camelampenet.phonebook.csvimport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A contact group one file's rows go to, as this import knows it. The file's first row for the group carries its
 * lookup (and creation) through the route {@code direct:csv-import-group}; the reader hands out no further row for the
 * group until that row is done with it, so the group is looked up once per file and created at most once, with the
 * spelling of the first row that names it. Kept per file, never across files: a group deleted in the web app between
 * two files is created again instead of being written to by a stale uid.
 */
final class TargetGroup {

    /** The name as the file's first row for the group spells it (names match ignoring case). */
    final String name;
    private volatile String uid;
    /** The API's refusal of the group (a name it does not take): the group's other rows are rejected with it. */
    private volatile String refusal;
    private final CountDownLatch settled = new CountDownLatch(1);

    TargetGroup(String name) {
        this.name = name;
    }

    String uid() {
        return uid;
    }

    String refusal() {
        return refusal;
    }

    void resolved(String groupUid) {
        this.uid = groupUid;
        settled.countDown();
    }

    void refused(String reason) {
        this.refusal = reason;
        settled.countDown();
    }

    /** The row that was to resolve the group is done (whatever became of it): the reader may go on. */
    void released() {
        settled.countDown();
    }

    boolean awaitSettled(long millis) throws InterruptedException {
        return settled.await(millis, TimeUnit.MILLISECONDS);
    }
}
