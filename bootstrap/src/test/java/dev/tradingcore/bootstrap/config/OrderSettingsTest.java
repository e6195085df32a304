package dev.tradingcore.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.application.order.RestingOrders;
import dev.tradingcore.domain.risk.OrderRateLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order storm guard's limits and the resting-orders policy, as an operator sets them, and their bad values. */
class OrderSettingsTest {

    private static Settings load(Map<String, String> overrides, Map<String, String> env) {
        return SettingsLoader.of(Optional.empty(), overrides, env).load();
    }

    @Test
    void the_defaults_cancel_resting_orders_after_30_seconds_and_limit_orders_and_refusals() {
        Settings settings = load(Map.of(), Map.of());
        assertThat(settings.trading().orderRateLimits()).isEqualTo(OrderRateLimits.defaults());
        assertThat(settings.trading().restingOrders())
                .isEqualTo(new RestingOrders.Policy(RestingOrders.Action.CANCEL, Duration.ofSeconds(30)));
    }

    @Test
    void each_setting_is_read_from_the_environment_and_the_command_line() {
        Settings settings = load(Map.of("trading.max-orders-per-second", "40", "trading.resting-orders", "LEAVE"),
                Map.of("TRADING_MAX_ORDERS_PER_SECOND_PER_SYMBOL", "8", "TRADING_MAX_REFUSALS_PER_SECOND", "12",
                        "TRADING_MAX_REFUSALS_PER_SECOND_PER_SYMBOL", "3", "TRADING_RESTING_ORDERS_DEGRADED_AFTER",
                        "2m"));
        assertThat(settings.trading().orderRateLimits()).isEqualTo(new OrderRateLimits(40, 8, 12, 3));
        assertThat(settings.trading().restingOrders())
                .isEqualTo(new RestingOrders.Policy(RestingOrders.Action.LEAVE, Duration.ofMinutes(2)));
    }

    @Test
    void an_overall_limit_set_below_the_per_symbol_default_lowers_it_too() {
        Settings settings = load(Map.of("trading.max-refusals-per-second", "5", "trading.max-orders-per-second",
                "20"), Map.of());
        assertThat(settings.trading().orderRateLimits()).isEqualTo(new OrderRateLimits(20, 20, 5, 5));
    }

    @Test
    void bad_values_are_refused_naming_the_setting() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("TRADING_RESTING_ORDERS", "keep")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TRADING_RESTING_ORDERS (trading.resting-orders) is 'keep'")
                .hasMessageContaining("cancel").hasMessageContaining("leave");
        assertThatThrownBy(() -> load(Map.of(), Map.of("TRADING_MAX_ORDERS_PER_SECOND", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TRADING_MAX_ORDERS_PER_SECOND (trading.max-orders-per-second) is 0");
        assertThatThrownBy(() -> load(Map.of("trading.max-refusals-per-second", "5",
                "trading.max-refusals-per-second-per-symbol", "6"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("per-symbol order rate limit cannot be above the overall one");
        assertThatThrownBy(() -> load(Map.of(), Map.of("TRADING_RESTING_ORDERS_DEGRADED_AFTER", "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TRADING_RESTING_ORDERS_DEGRADED_AFTER");
    }
}
