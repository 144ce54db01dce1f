import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What bench/http/kafka.sh asks the benchmark's broker, with the Kafka client of the broker's own jars (no tools jar
 * among them): {@code ready} waits until it answers a metadata request (up to 60 s) and makes the events' topics, as
 * an operator would before the service starts (3 partitions, replication 1); {@code count TOPIC} prints how many
 * records the topic holds (the sum of its partitions' end offsets); {@code send TOPIC FILE} sends each line of FILE
 * (a deal's JSON) keyed by the deal's id, as a sales system would.
 *
 * <pre>java -cp 'target/kafka-broker/lib/*' bench/http/KafkaTopic.java BOOTSTRAP ready TOPIC...|count TOPIC|send TOPIC FILE</pre>
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
            if (args[1].equals("send")) {
                send(args[0], topic, Path.of(args[3]));
                return;
            }
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

    private static void send(String bootstrap, String topic, Path deals) throws Exception {
        Pattern id = Pattern.compile("\"id\":\"([^\"]*)\"");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String deal : Files.readAllLines(deals)) {
                Matcher matched = id.matcher(deal);
                producer.send(new ProducerRecord<>(topic, matched.find() ? matched.group(1) : null, deal));
            }
            producer.flush();
        }
    }
}
