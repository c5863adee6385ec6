package dev.vigil.common.check;

/**
 * A domain's registration, read from its registry over RDAP (the registry found through IANA's bootstrap file): down
 * when the registration expires in fewer than {@code minDaysValid} days, or the registry does not know the domain.
 *
 * @param domain       the registered domain, e.g. {@code example.com}
 * @param minDaysValid the days of registration that must be left (0 to 3650)
 */
public record DomainCheck(String domain, int minDaysValid) implements CheckSpec {

    @Override
    public MonitorType type() {
        return MonitorType.DOMAIN;
    }

    @Override
    public String target() {
        return domain;
    }
}
