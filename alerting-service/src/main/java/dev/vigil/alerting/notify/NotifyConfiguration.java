package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.sender.ChannelSender;
import dev.vigil.alerting.notify.sender.DiscordSender;
import dev.vigil.alerting.notify.sender.EmailSender;
import dev.vigil.alerting.notify.sender.GuardedHttp;
import dev.vigil.alerting.notify.sender.PagerDutySender;
import dev.vigil.alerting.notify.sender.SlackSender;
import dev.vigil.alerting.notify.sender.TeamsSender;
import dev.vigil.alerting.notify.sender.TelegramSender;
import dev.vigil.alerting.notify.sender.WebhookSender;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The senders, their SSRF guard, the retry policy and the dispatcher. */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifyConfiguration.class);

    @Bean
    GuardedHttp channelHttp(ChannelGuardProperties guard) {
        log.info("alert channel target policy allowPrivateTargets={}", guard.allowPrivateTargets());
        return new GuardedHttp(new TargetGuard(guard.allowPrivateTargets() ? TargetPolicy.allowingPrivate()
                : TargetPolicy.publicOnly()));
    }

    @Bean
    List<ChannelSender> channelSenders(GuardedHttp http, NotifyProperties properties,
                                       ObjectProvider<JavaMailSender> mail) {
        return senders(http, properties, mail.getIfAvailable());
    }

    /** Every sender: one per channel type. */
    static List<ChannelSender> senders(GuardedHttp http, NotifyProperties properties, JavaMailSender mail) {
        return List.of(new WebhookSender(http), new SlackSender(http), new DiscordSender(http), new TeamsSender(http),
                new PagerDutySender(http, properties.pagerDutyUrl()),
                new TelegramSender(http, properties.telegramUrl()), new EmailSender(mail, properties.mailFrom()));
    }

    @Bean
    RetryPolicy retryPolicy(NotifyProperties properties) {
        return new RetryPolicy(properties.retryBase(), properties.retryMax(), RandomGenerator.getDefault());
    }

    @Bean
    Dispatcher dispatcher(OutboxFanout fanout, DigestWriter digests, Escalations escalations, DeliveryQueue queue,
                          List<ChannelSender> channelSenders, SecretBox box, NotifyProperties properties,
                          MeterRegistry meters, Clock clock) {
        return new Dispatcher(fanout, digests, escalations, queue, channelSenders, box, properties, meters, clock);
    }
}
