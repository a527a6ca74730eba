package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How many complete backups a schedule keeps: a backup any rule keeps is kept, and the newest
 * complete one always is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.last + self.daily + self.weekly + self.monthly > 0",
        message = "a retention that keeps nothing would delete every backup; keep at least the last one (last: 1)")
public class RetentionSpec {
    @JsonPropertyDescription("Keep the last N complete backups.")
    @Default("7")
    @Min(0)
    @Max(1000)
    private int last = 7;

    @JsonPropertyDescription("Also keep the newest backup of each of the last N days that had one.")
    @Default("0")
    @Min(0)
    @Max(1000)
    private int daily;

    @JsonPropertyDescription("Also keep the newest backup of each of the last N ISO weeks that had one.")
    @Default("0")
    @Min(0)
    @Max(1000)
    private int weekly;

    @JsonPropertyDescription("Also keep the newest backup of each of the last N months that had one.")
    @Default("0")
    @Min(0)
    @Max(1000)
    private int monthly;

    public int getLast() {
        return last;
    }

    public void setLast(int last) {
        this.last = last;
    }

    public int getDaily() {
        return daily;
    }

    public void setDaily(int daily) {
        this.daily = daily;
    }

    public int getWeekly() {
        return weekly;
    }

    public void setWeekly(int weekly) {
        this.weekly = weekly;
    }

    public int getMonthly() {
        return monthly;
    }

    public void setMonthly(int monthly) {
        this.monthly = monthly;
    }
}
