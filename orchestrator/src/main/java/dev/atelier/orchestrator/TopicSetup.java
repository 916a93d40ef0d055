package dev.atelier.orchestrator;

import dev.atelier.schemas.messages.Topics;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics when missing. The runs topic has many partitions so each worker owns some and the
 * dispatcher can address an idle worker directly; events are keyed by run, so more partitions spread the load.
 */
final class TopicSetup {
    static final int RUN_PARTITIONS = 12;

    private TopicSetup() {
    }

    static void ensure(Admin admin, Topics topics) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = List.of(
                        new NewTopic(topics.runs(), RUN_PARTITIONS, (short) 1),
                        new NewTopic(topics.events(), RUN_PARTITIONS, (short) 1),
                        new NewTopic(topics.control(), 1, (short) 1),
                        new NewTopic(topics.heartbeats(), 1, (short) 1),
                        new NewTopic(topics.deadLetter(), 1, (short) 1))
                .stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
