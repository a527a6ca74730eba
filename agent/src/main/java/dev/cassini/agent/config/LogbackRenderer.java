package dev.cassini.agent.config;

/**
 * Cassandra's logback configuration: INFO and up to the node's stdout (which the agent copies to
 * its own output, so pod logs show it) and to a rolled system.log on the data volume that
 * survives restarts and that the agent's log API reads.
 */
public final class LogbackRenderer {
    private LogbackRenderer() {}

    public static String render(NodeConfig config) {
        String systemLog = config.directories().systemLog().toString();
        return """
                <configuration scan="false">
                  <shutdownHook class="ch.qos.logback.core.hook.DelayingShutdownHook"/>
                  <appender name="SYSTEMLOG" class="ch.qos.logback.core.rolling.RollingFileAppender">
                    <file>%1$s</file>
                    <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
                      <fileNamePattern>%1$s.%%i.zip</fileNamePattern>
                      <minIndex>1</minIndex><maxIndex>5</maxIndex>
                    </rollingPolicy>
                    <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy">
                      <maxFileSize>20MB</maxFileSize>
                    </triggeringPolicy>
                    <encoder><pattern>%%-5level [%%thread] %%date{ISO8601} %%F:%%L - %%msg%%n</pattern></encoder>
                  </appender>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%%-5level [%%thread] %%date{ISO8601} %%F:%%L - %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO">
                    <appender-ref ref="SYSTEMLOG"/>
                    <appender-ref ref="STDOUT"/>
                  </root>
                  <logger name="org.apache.cassandra" level="INFO"/>
                </configuration>
                """.formatted(xmlEscape(systemLog));
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
