package io.dealadvisor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Reads and writes the topics of the {@link KafkaBroker} as a client outside the service would. */
public final class KafkaTopics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTopics() {
    }

    /** A record as read: key, value, headers as text, where it was. */
    public record Read(String key, String value, Map<String, String> headers, int partition, long offset) {
        public JsonNode json() {
            try {
                return JSON.readTree(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Every record of {@code topic} from its beginning, read until {@code done} holds for what was read (which is
     * returned) or {@code timeout} passes (a failure showing how many were read).
     */
    public static List<Read> readUntil(String topic, Duration timeout, Predicate<List<Read>> done) {
        List<Read> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = List.of();
            while (System.nanoTime() < deadline) {
                if (partitions.isEmpty()) { // the topic is made by its first record
                    partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())).toList();
                    if (partitions.isEmpty()) {
                        KafkaBroker.pause();
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new java.util.TreeMap<>();
                    record.headers().forEach(header -> headers.put(header.key(), new String(header.value(),
                            java.nio.charset.StandardCharsets.UTF_8)));
                    read.add(new Read(record.key(), record.value(), headers, record.partition(), record.offset()));
                }
                if (done.test(read)) {
                    return read;
                }
            }
        }
        return fail("reading " + topic + " did not finish within " + timeout + "; " + read.size() + " records read");
    }

    /** Sends {@code value} keyed by {@code key}; where it went. */
    public static RecordMetadata send(String topic, String key, String value) {
        return send(topic, Map.of(key, value)).get(key);
    }

    /** Sends a record stamped as sent at {@code sentAt}: one that waited in the topic, or is read again. */
    public static RecordMetadata send(String topic, String key, String value, java.time.Instant sentAt) {
        return send(topic, Map.of(key, value), sentAt).get(key);
    }

    /** Sends each value keyed by its key, in the map's order, through one producer; where each went, by key. */
    public static Map<String, RecordMetadata> send(String topic, Map<String, String> keyed) {
        return send(topic, keyed, null);
    }

    private static Map<String, RecordMetadata> send(String topic, Map<String, String> keyed,
                                                    java.time.Instant sentAt) {
        Long timestamp = sentAt == null ? null : sentAt.toEpochMilli();
        Map<String, RecordMetadata> sent = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            Map<String, Future<RecordMetadata>> sending = new LinkedHashMap<>();
            keyed.forEach((key, value) -> sending.put(key,
                    producer.send(new ProducerRecord<>(topic, null, timestamp, key, value))));
            for (Map.Entry<String, Future<RecordMetadata>> each : sending.entrySet()) {
                sent.put(each.getKey(), each.getValue().get());
            }
            return sent;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("sending to " + topic + " failed", e.getCause());
        }
    }

    /**
     * How many records of {@code topic} consumer group {@code group} has committed: the sum of its committed offsets
     * over the topic's partitions (each partition's first offset being 0).
     */
    public static long committed(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .entrySet().stream().filter(each -> each.getKey().topic().equals(topic) && each.getValue() != null)
                    .mapToLong(each -> each.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the offsets of group " + group + " could not be read", e);
        }
    }
}
