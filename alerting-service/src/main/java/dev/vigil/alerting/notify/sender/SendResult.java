package dev.vigil.alerting.notify.sender;

/**
 * What one attempt came to: delivered (a 2xx, or the SMTP server accepted the mail), or failed with the status code
 * when there was one and the error in words (never containing a secret).
 */
public record SendResult(boolean delivered, Integer responseCode, String error) {

    public static SendResult delivered(Integer responseCode) {
        return new SendResult(true, responseCode, null);
    }

    public static SendResult failed(Integer responseCode, String error) {
        return new SendResult(false, responseCode, error.length() > 500 ? error.substring(0, 500) : error);
    }
}
