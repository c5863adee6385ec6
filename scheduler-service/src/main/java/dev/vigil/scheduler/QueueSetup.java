package dev.vigil.scheduler;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.region.RegionProperties;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.sqs.SqsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Creates every region's queues and the results queue at start-up when they are missing (idempotent). Runs while
 * beans are created, so before the scheduling loop starts sending.
 */
@Component
class QueueSetup implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(QueueSetup.class);

    private final QueueDirectory queues;
    private final QueueNames names;
    private final RegionProperties regions;
    private final SqsProperties sqs;

    QueueSetup(QueueDirectory queues, QueueNames names, RegionProperties regions, SqsProperties sqs) {
        this.queues = queues;
        this.names = names;
        this.regions = regions;
        this.sqs = sqs;
    }

    @Override
    public void afterPropertiesSet() {
        if (sqs.provisionQueues()) {
            queues.provision(QueueTopology.all(names, regions.ids()));
            log.info("queues ready regions={}", regions.ids());
        }
    }
}
