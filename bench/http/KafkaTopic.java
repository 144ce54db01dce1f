import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What bench/http/kafka.sh asks the benchmark's broker, with the Kafka client of the broker's own jars (no tools jar
 * among them): {@code ready} waits until it answers a metadata request (up to 60 s) and makes the events' topics, as
 * an operator would before the service starts (3 partitions, replication 1); {@code count TOPIC} prints how many
 * records the topic holds (the sum of its partitions' end offsets).
 *
 * <pre>java -cp 'target/kafka-broker/lib/*' bench/http/KafkaTopic.java BOOTSTRAP ready TOPIC...|count TOPIC</pre>
 */
public class KafkaTopic {

    public static void main(String[] args) throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        List<String> topics = List.of(args).subList(2, args.length);
        try (Admin admin = Admin.create(config)) {
            if (args[1].equals("ready")) {
                awaitReady(admin);
                admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, 3, (short) 1)).toList()).all()
                        .get(30, TimeUnit.SECONDS);
                return;
            }
            String topic = topics.get(0);
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            long records = admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                    partition -> OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
            System.out.println(records);
        }
    }

    private static void awaitReady(Admin admin) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the broker did not answer within 60 s");
    }
}
