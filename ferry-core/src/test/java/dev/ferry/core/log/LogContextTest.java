package dev.ferry.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void aConnectionAddedLaterIsRestoredWithTheScope() {
    MDC.put("connection", "outer");
    try (LogContext context = LogContext.mapping("m-1")) {
      assertThat(MDC.get("connection")).isEqualTo("outer");
      context.andConnection("c-1");
      context.andConnection("c-2");
      assertThat(MDC.get("mapping")).isEqualTo("m-1");
      assertThat(MDC.get("connection")).isEqualTo("c-2");
    }
    assertThat(MDC.get("mapping")).isNull();
    assertThat(MDC.get("connection")).isEqualTo("outer");
  }

  @Test
  void aCarriedTaskSeesTheCallersContextOnAnotherThread() throws Exception {
    try (var pool = Executors.newVirtualThreadPerTaskExecutor();
        LogContext context = LogContext.connection("c-9")) {
      CompletableFuture<String> seen = new CompletableFuture<>();
      pool.submit(LogContext.carried(() -> seen.complete(MDC.get("connection")))).get();
      assertThat(seen.get()).isEqualTo("c-9");
      CompletableFuture<String> bare = new CompletableFuture<>();
      pool.submit(() -> bare.complete(String.valueOf(MDC.get("connection")))).get();
      assertThat(bare.get()).isEqualTo("null");
    }
  }
}
