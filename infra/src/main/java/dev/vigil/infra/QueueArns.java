package dev.vigil.infra;

import java.util.Collection;
import java.util.List;

/**
 * Queue ARNs from names. Queue names are deterministic (common's QueueNames), so stacks in other regions can grant
 * access to the home region's queues without cross-region references between stacks.
 */
public record QueueArns(String account, String region) {

    public String of(String queueName) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + queueName;
    }

    public List<String> of(Collection<String> queueNames) {
        return queueNames.stream().map(this::of).toList();
    }
}
