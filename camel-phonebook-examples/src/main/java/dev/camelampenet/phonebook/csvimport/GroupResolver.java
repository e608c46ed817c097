package dev.camelampenet.phonebook.csvimport;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.camelampenet.ampenet.error.AmpenetDuplicateException;
import dev.camelampenet.ampenet.model.ContactGroup;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a group's uid by name, creating the group once when it does not exist. Names match ignoring case, as the
 * server's unique index does (MySQL's default collation). Answers are kept for one file's import only, so a group
 * deleted in the web app between two files is created again rather than written to by a stale uid.
 */
final class GroupResolver {

    private static final Logger LOG = LoggerFactory.getLogger(GroupResolver.class);

    private final ProducerTemplate template;
    private final Map<String, String> uids = new ConcurrentHashMap<>();

    GroupResolver(ProducerTemplate template) {
        this.template = template;
    }

    String uid(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String uid = uids.get(key);
        if (uid != null) {
            return uid;
        }
        synchronized (this) {
            uid = uids.get(key);
            if (uid != null) {
                return uid;
            }
            ContactGroup group = find(name);
            if (group == null) {
                try {
                    group = call("ampenet:groups/create", name, ContactGroup.class);
                    LOG.info("Created contact group '{}' ({})", ControlChars.escape(group.name()), ControlChars.escape(group.uid()));
                } catch (AmpenetDuplicateException e) {
                    // made meanwhile by someone else: use theirs
                    group = find(name);
                    if (group == null) {
                        throw e;
                    }
                }
            }
            uids.put(key, group.uid());
            return group.uid();
        }
    }

    private ContactGroup find(String name) {
        List<?> groups = call("ampenet:groups/list", null, List.class);
        ContactGroup caseInsensitive = null;
        for (Object o : groups) {
            ContactGroup g = (ContactGroup) o;
            if (g.name() == null) {
                continue;
            }
            if (g.name().trim().equals(name)) {
                return g;
            }
            if (caseInsensitive == null && g.name().trim().equalsIgnoreCase(name)) {
                caseInsensitive = g;
            }
        }
        return caseInsensitive;
    }

    private <T> T call(String uri, Object body, Class<T> type) {
        try {
            return template.requestBody(uri, body, type);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
