package dev.vigil.api.dashboard;

import dev.vigil.api.reminder.ReminderSettings;
import dev.vigil.api.signin.PasswordCheck;
import dev.vigil.api.signin.TwoFactor;
import dev.vigil.api.verification.EmailVerifications;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's own account: confirming the address (the mailed link, a new link), the time zone the
 * dashboard shows times in, and two-factor sign-in (enrol with a QR code and a first code, recovery codes shown once,
 * turn off with the password and a code). It also holds the current workspace's summary email (daily, weekly or
 * off), which every member sees and owners and admins change.
 */
@Controller
class AccountPagesController {

    private static final String ENROL_ATTRIBUTE = "vigil.dashboard.totp.enrolment";

    private final EmailVerifications verifications;
    private final TwoFactor twoFactor;
    private final PasswordCheck passwordCheck;
    private final ProfileTimeZones timeZones;
    private final ReminderSettings reminders;

    AccountPagesController(EmailVerifications verifications, TwoFactor twoFactor, PasswordCheck passwordCheck,
                           ProfileTimeZones timeZones, ReminderSettings reminders) {
        this.verifications = verifications;
        this.twoFactor = twoFactor;
        this.passwordCheck = passwordCheck;
        this.timeZones = timeZones;
        this.reminders = reminders;
    }

    /** The link of the verification mail; works signed in or not (the token is the proof). */
    @GetMapping("/verify-email")
    String verify(@RequestParam(defaultValue = "") String token, HttpServletResponse response, Model model) {
        verifications.confirm(token.strip()).ifPresentOrElse(
                user -> model.addAttribute("verified", user.getEmail()),
                () -> response.setStatus(HttpStatus.BAD_REQUEST.value()));
        return "dashboard/verify-email";
    }

    @GetMapping("/app/account")
    String account(HttpSession session, Model model) {
        return page(signedIn(), session, model);
    }

    @PostMapping("/app/account/verification")
    String resend(RedirectAttributes redirect) {
        boolean sent = verifications.resend(signedIn().userId());
        redirect.addFlashAttribute("notice", sent ? "A new confirmation link is on its way."
                : "Nothing sent: the address is confirmed already, or a link went out less than a minute ago.");
        return "redirect:/app/account";
    }

    /** The zone the dashboard shows times in; empty: the browser's. An unknown zone changes nothing (422). */
    @PostMapping("/app/account/time-zone")
    String timeZone(@RequestParam(defaultValue = "") String timeZone, HttpSession session,
                    HttpServletResponse response, Model model, RedirectAttributes redirect) {
        SignedInUser user = signedIn();
        if (!timeZones.set(user.userId(), timeZone)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("timeZoneProblem", "Choose a time zone from the list, or your browser's.");
            return page(user, session, model);
        }
        redirect.addFlashAttribute("notice", timeZone.isBlank() ? "Times now show in your browser's time zone."
                : "Times now show in " + timeZone.strip() + ".");
        return "redirect:/app/account";
    }

    /** The workspace's summary email, through the service the API uses: a viewer is refused (403), a bad value 422. */
    @PostMapping("/app/account/summary-email")
    String summaryEmail(Caller caller, @RequestParam(defaultValue = "") String frequency, HttpSession session,
                        HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            String saved = reminders.setSummaryFrequency(caller.writer(), frequency);
            redirect.addFlashAttribute("notice", saved.equals("OFF") ? "The summary email is off."
                    : "The summary email now goes out " + (saved.equals("DAILY") ? "daily." : "weekly, on Mondays."));
            return "redirect:/app/account";
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("summaryErrors", FieldErrors.of(e.errors()));
            return page(signedIn(), session, model);
        }
    }

    @PostMapping("/app/account/two-factor/start")
    String start(HttpSession session) {
        if (!twoFactor.isEnabled(signedIn().userId())) {
            session.setAttribute(ENROL_ATTRIBUTE, twoFactor.newSecret());
        }
        return "redirect:/app/account";
    }

    @PostMapping("/app/account/two-factor/enable")
    String enable(@RequestParam(defaultValue = "") String code, HttpSession session, HttpServletResponse response,
                  Model model) {
        SignedInUser user = signedIn();
        if (!(session.getAttribute(ENROL_ATTRIBUTE) instanceof String secret)) {
            return "redirect:/app/account";
        }
        Optional<List<String>> recovery = twoFactor.enable(user.userId(), secret, code);
        if (recovery.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problem", "That code is not right: enter the code your app shows now.");
            return page(user, session, model);
        }
        session.removeAttribute(ENROL_ATTRIBUTE);
        model.addAttribute("notice", "Two-factor sign-in is on.");
        model.addAttribute("recoveryCodes", recovery.get());
        return page(user, session, model);
    }

    @PostMapping("/app/account/two-factor/disable")
    String disable(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
                   HttpSession session, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        SignedInUser user = signedIn();
        boolean passwordRight = passwordCheck.check(user.email(), password) instanceof PasswordCheck.Outcome.Passed;
        if (!passwordRight || !twoFactor.verify(user.userId(), code)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problem", "The password or the code is not right; two-factor sign-in stays on.");
            return page(user, session, model);
        }
        twoFactor.disable(user.userId());
        redirect.addFlashAttribute("notice", "Two-factor sign-in is off.");
        return "redirect:/app/account";
    }

    private String page(SignedInUser user, HttpSession session, Model model) {
        boolean enabled = twoFactor.isEnabled(user.userId());
        model.addAttribute("email", user.email());
        model.addAttribute("verified", verifications.isVerified(user.userId()));
        model.addAttribute("twoFactor", enabled);
        model.addAttribute("recoveryLeft", enabled ? twoFactor.recoveryCodesLeft(user.userId()) : 0);
        model.addAttribute("timeZone", timeZones.of(user.userId()).orElse(""));
        model.addAttribute("timeZones", ProfileTimeZones.CHOICES);
        // DashboardAdvice put the caller in the model before any handler ran; the summary belongs to its workspace.
        if (model.getAttribute("caller") instanceof Caller caller) {
            model.addAttribute("summaryFrequency", reminders.summaryFrequency(caller.reader()));
            model.addAttribute("frequencies", ReminderSettings.FREQUENCIES);
            if (!model.containsAttribute("summaryErrors")) {
                model.addAttribute("summaryErrors", FieldErrors.none());
            }
        }
        if (!enabled && session.getAttribute(ENROL_ATTRIBUTE) instanceof String secret) {
            model.addAttribute("enrolSecret", secret);
            model.addAttribute("enrolQr", twoFactor.qrImage(secret, user.email()));
        }
        return "dashboard/account";
    }

    private static SignedInUser signedIn() {
        // The chain lets only signed-in people reach /app/**.
        return SessionSignIn.current().orElseThrow();
    }
}
