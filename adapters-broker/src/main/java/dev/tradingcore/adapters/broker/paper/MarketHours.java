package dev.tradingcore.adapters.broker.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The paper exchange's market calendar, as the Trader API's {@code /v2/clock} and {@code /v2/calendar} give it: the US
 * equity market's regular session, 09:30 to 16:00 in New York, Monday to Friday, with the extended session 04:00 to
 * 20:00. Exchange holidays and early closes are not modelled (every weekday is a trading day), and the simulation
 * matches orders whenever it is stepped, whatever the clock says: the calendar is for clients that plan by it.
 */
final class MarketHours {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime OPEN = LocalTime.of(9, 30);
    static final LocalTime CLOSE = LocalTime.of(16, 0);
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SESSION = DateTimeFormatter.ofPattern("HHmm");

    private MarketHours() {}

    static boolean isTradingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** {@code {"timestamp", "is_open", "next_open", "next_close"}}, times with New York's offset, as the API gives them. */
    static JsonNode clock(Instant now) {
        ZonedDateTime here = now.atZone(NEW_YORK);
        LocalDate today = here.toLocalDate();
        ZonedDateTime openToday = today.atTime(OPEN).atZone(NEW_YORK);
        ZonedDateTime closeToday = today.atTime(CLOSE).atZone(NEW_YORK);
        boolean open = isTradingDay(today) && !here.isBefore(openToday) && here.isBefore(closeToday);
        ZonedDateTime nextOpen = nextTradingDayFrom(isTradingDay(today) && here.isBefore(openToday) ? today
                : today.plusDays(1)).atTime(OPEN).atZone(NEW_YORK);
        LocalDate closeDay = isTradingDay(today) && here.isBefore(closeToday) ? today
                : nextTradingDayFrom(today.plusDays(1));
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("timestamp", here.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        node.put("is_open", open);
        node.put("next_open", nextOpen.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        node.put("next_close", closeDay.atTime(CLOSE).atZone(NEW_YORK).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return node;
    }

    /** The trading days from {@code start} to {@code end}, both included. */
    static ArrayNode calendar(LocalDate start, LocalDate end) {
        ArrayNode days = JsonNodeFactory.instance.arrayNode();
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            if (isTradingDay(day)) {
                ObjectNode node = days.addObject();
                node.put("date", day.toString());
                node.put("open", OPEN.format(HOURS));
                node.put("close", CLOSE.format(HOURS));
                node.put("session_open", LocalTime.of(4, 0).format(SESSION));
                node.put("session_close", LocalTime.of(20, 0).format(SESSION));
            }
        }
        return days;
    }

    private static LocalDate nextTradingDayFrom(LocalDate day) {
        LocalDate next = day;
        while (!isTradingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
