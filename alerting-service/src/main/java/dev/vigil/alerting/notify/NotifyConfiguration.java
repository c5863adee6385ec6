package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.sender.ChannelSender;
import dev.vigil.alerting.notify.sender.DiscordSender;
import dev.vigil.alerting.notify.sender.EmailSender;
import dev.vigil.alerting.notify.sender.GoogleChatSender;
import dev.vigil.alerting.notify.sender.GuardedHttp;
import dev.vigil.alerting.notify.sender.MatrixSender;
import dev.vigil.alerting.notify.sender.MattermostSender;
import dev.vigil.alerting.notify.sender.NtfySender;
import dev.vigil.alerting.notify.sender.OpsgenieSender;
import dev.vigil.alerting.notify.sender.PushoverSender;
import dev.vigil.alerting.notify.sender.TemplateWebhookSender;
import dev.vigil.alerting.notify.sender.TwilioSender;
import dev.vigil.alerting.notify.sender.ZulipSender;
import dev.vigil.alerting.notify.sender.PagerDutySender;
import dev.vigil.alerting.notify.sender.SlackSender;
import dev.vigil.alerting.notify.sender.TeamsSender;
import dev.vigil.alerting.notify.sender.TelegramSender;
import dev.vigil.alerting.notify.sender.WebhookSender;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.net.DnsHostResolver;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.common.net.HostResolver;
import dev.vigil.common.net.NameServers;
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
        HostResolver resolver = guard.nameServers().isEmpty() ? HostResolver.SYSTEM
                : new DnsHostResolver(NameServers.parse("vigil.channel.name-servers", guard.nameServers()),
                guard.resolveTimeout());
        log.info("alert channel target policy allowPrivateTargets={} nameServers={}", guard.allowPrivateTargets(),
                guard.nameServers().isEmpty() ? "system" : guard.nameServers());
        TargetPolicy policy = TargetPolicy.of(guard.allowPrivateTargets(), List.of(), List.of());
        return new GuardedHttp(new GuardedHttpClient(new TargetGuard(policy, resolver)));
    }

    @Bean
    List<ChannelSender> channelSenders(GuardedHttp http, NotifyProperties properties, ProviderEndpoints providers,
                                       ObjectProvider<JavaMailSender> mail, Clock clock) {
        return senders(http, properties, providers, mail.getIfAvailable(), clock);
    }

    static List<ChannelSender> senders(GuardedHttp http, NotifyProperties properties, JavaMailSender mail,
                                       Clock clock) {
        return senders(http, properties, ProviderEndpoints.defaults(), mail, clock);
    }

    /** Every sender: one per channel type. */
    static List<ChannelSender> senders(GuardedHttp http, NotifyProperties properties, ProviderEndpoints providers,
                                       JavaMailSender mail, Clock clock) {
        return List.of(new WebhookSender(http, clock), new SlackSender(http), new DiscordSender(http),
                new TeamsSender(http),
                new PagerDutySender(http, properties.pagerDutyUrl()),
                new TelegramSender(http, properties.telegramUrl()), new EmailSender(mail, properties.mailFrom()),
                new OpsgenieSender(http, providers.opsgenieUs(), providers.opsgenieEu()), new NtfySender(http),
                new GoogleChatSender(http), new MattermostSender(http), new MatrixSender(http),
                new PushoverSender(http, providers.pushover()), new ZulipSender(http),
                new TemplateWebhookSender(http), TwilioSender.sms(http, providers.twilio()),
                TwilioSender.voice(http, providers.twilio()));
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
