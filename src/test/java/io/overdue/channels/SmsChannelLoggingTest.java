package io.overdue.channels;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Without Twilio credentials SMS are recorded, not sent; and every reminder fits in two SMS segments. */
class SmsChannelLoggingTest {

    private final CommunicationLog log = mock(CommunicationLog.class);
    private final SmsChannel sms = new SmsChannel(log, templateEngine(),
            new SmsProperties(null, "", null, null, null, null, null, null, null),
            Clock.fixed(Instant.parse("2026-11-22T09:00:00Z"), ZoneOffset.UTC), mock(SmsInbox.class), mock(Outbox.class),
            mock(OutboxSender.class), mock(ContactFrequency.class));

    private static SpringTemplateEngine templateEngine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    @Test
    void withoutCredentialsTheSmsIsLoggedAndNotSent() {
        when(log.byKey(any())).thenReturn(Optional.empty());

        SentNotice sent = sms.send(SmsChannelTest.notice("10023", "+46701234567", Locale.forLanguageTag("sv")));

        assertThat(sent.status()).isEqualTo(SentNotice.LOGGED);
        assertThat(sent.idempotencyKey()).isEqualTo("sms:first-reminder:10023");
        assertThat(sent.channel()).isEqualTo("SMS");
        assertThat(sent.recipient()).isEqualTo("+46701234567");
        assertThat(sent.providerId()).isNull();
        assertThat(sent.content()).contains("12 345,50 NOK", "1234567890123456789012345", "6. desember 2026");
        verify(log).append(sent);
    }

    @Test
    void theRecipientIsRecordedInE164() {
        when(log.byKey(any())).thenReturn(Optional.empty());
        assertThat(sms.send(SmsChannelTest.notice("10024", "+47 912 34 567", Locale.ENGLISH)).recipient())
                .isEqualTo("+4791234567");
        assertThatThrownBy(() -> sms.send(SmsChannelTest.notice("10025", "912 34 567", Locale.ENGLISH)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstReminderFitsInTwoSegmentsInEveryLanguage() {
        when(log.byKey(any())).thenReturn(Optional.empty());
        for (String language : new String[]{"en", "nb", "sv"}) {
            Notice notice = SmsChannelTest.notice("2026000123", "+4791234567", Locale.forLanguageTag(language));
            notice.model().put("creditorName", "Nordlys Rørleggerservice AS");
            notice.model().put("total", "1\u00A0234\u00A0567,89");
            notice.model().put("deadline", "30. september 2026");
            String body = sms.send(notice).content();
            assertThat(SmsText.segments(body)).as("%s: %s (%d chars)", language, body, body.length()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void segmentsAreCountedAsTwilioBillsThem() {
        assertThat(SmsText.segments("a".repeat(160))).isEqualTo(1);
        assertThat(SmsText.segments("a".repeat(161))).isEqualTo(2);
        assertThat(SmsText.segments("æøå ÆØÅ äö".repeat(17))).isEqualTo(2);
        assertThat(SmsText.segments("€".repeat(80))).isEqualTo(1);
        assertThat(SmsText.segments("ł".repeat(70))).isEqualTo(1);
        assertThat(SmsText.segments("ł".repeat(71))).isEqualTo(2);
        assertThat(SmsText.normalise(" 12\u00A0345\u202F00 \n")).isEqualTo("12 345 00");
    }

    @Test
    void credentialsComeTogetherWithASender() {
        assertThatThrownBy(() -> new SmsProperties("AC1", null, "+4759446622", null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmsProperties("AC1", "token", null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        SmsProperties properties = new SmsProperties("AC1", "secret-token", null, "MG1", null, URI.create(""), null, null, null);
        assertThat(properties.apiBaseUrl()).isEqualTo(SmsProperties.TWILIO_API);
        assertThat(properties.statusCallbackUrl()).isNull();
        assertThat(properties.toString()).doesNotContain("secret-token");
    }
}
