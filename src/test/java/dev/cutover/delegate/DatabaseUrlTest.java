package dev.cutover.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.plan.MigrationPlan;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    private static final String PASSWORD = "a:b/c@d%e+f g#h";

    @Test
    void aNewUrlHasThePlansUserDatabaseAndOptions_thePasswordEncoded() {
        MigrationPlan.Rds rds = new MigrationPlan.Rds("prod", "clearmyrecord", "clearmyrecord", 5432, "DATABASE_URL",
                "sslmode=require");

        assertThat(DatabaseUrl.of(rds, "prod.c9.us-east-1.rds.amazonaws.com", PASSWORD)).isEqualTo(
                "postgres://clearmyrecord:a%3Ab%2Fc%40d%25e%2Bf+g%23h@prod.c9.us-east-1.rds.amazonaws.com:5432/"
                        + "clearmyrecord?sslmode=require");
    }

    @Test
    void anotherPasswordKeepsTheSchemeHostDatabaseAndOptions() {
        String url = "postgis://clearmyrecord:old@proxy.internal:6432/cmr?sslmode=verify-full&connect_timeout=5";

        assertThat(DatabaseUrl.withPassword(url, "clearmyrecord", "n3w!", "DATABASE_URL"))
                .isEqualTo("postgis://clearmyrecord:n3w%21@proxy.internal:6432/cmr?sslmode=verify-full&connect_timeout=5");
    }

    @Test
    void aUrlOfAnotherUserOrNoUrlAtAllIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> DatabaseUrl.withPassword("postgres://app_user:secret-old@host/db", "clearmyrecord",
                "n3w", "DATABASE_URL of app x"))
                .hasMessage("DATABASE_URL of app x logs in as another user than clearmyrecord, whose password was changed");
        assertThatThrownBy(() -> DatabaseUrl.withPassword("host=db user=x password=secret-old", "x", "n3w", "DATABASE_URL"))
                .hasMessage("DATABASE_URL is not a postgres://user:password@host/database URL");
    }
}
