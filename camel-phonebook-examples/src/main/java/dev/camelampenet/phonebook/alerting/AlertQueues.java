package dev.camelampenet.phonebook.alerting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Plain JMS helpers for publishers, the demo and tests: publish alerts in one transaction, and read what sits on a
 * queue without taking it.
 */
public final class AlertQueues {

    /** A message on a queue: its text and its properties. */
    public record QueuedMessage(String text, Map<String, Object> properties) {
        public String property(String name) {
            Object v = properties.get(name);
            return v == null ? null : v.toString();
        }
    }

    private AlertQueues() {
    }

    /** Publishes JSON alerts (persistent) in one transaction: they reach the queue together. */
    public static void publish(ConnectionFactory cf, String queue, List<String> bodies) throws JMSException {
        publish(cf, queue, bodies, Map.of());
    }

    /** Publishes texts, each with the same properties (e.g. AlertTo for a plain-text alert). */
    public static void publish(ConnectionFactory cf, String queue, List<String> bodies, Map<String, String> properties)
            throws JMSException {
        try (Connection c = cf.createConnection(); Session s = c.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (String body : bodies) {
                TextMessage m = s.createTextMessage(body);
                for (Map.Entry<String, String> e : properties.entrySet()) {
                    m.setStringProperty(e.getKey(), e.getValue());
                }
                p.send(m);
            }
            s.commit();
        }
    }

    /** The messages on a queue, oldest first, left where they are. */
    public static List<QueuedMessage> browse(ConnectionFactory cf, String queue) throws JMSException {
        List<QueuedMessage> out = new ArrayList<>();
        try (Connection c = cf.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            QueueBrowser browser = s.createBrowser(s.createQueue(queue));
            for (Object o : Collections.list(browser.getEnumeration())) {
                Message m = (Message) o;
                Map<String, Object> props = new LinkedHashMap<>();
                for (Object name : Collections.list(m.getPropertyNames())) {
                    props.put(name.toString(), m.getObjectProperty(name.toString()));
                }
                out.add(new QueuedMessage(m instanceof TextMessage t ? t.getText() : m.getBody(String.class), props));
            }
        }
        return out;
    }

    /** How many messages sit on a queue. */
    public static int depth(ConnectionFactory cf, String queue) throws JMSException {
        return browse(cf, queue).size();
    }
}
