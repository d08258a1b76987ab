package io.kso.operator;

import io.kso.operator.adapter.web.TriggerActionRoutes;
import io.kso.operator.command.CommandDispatcher;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.command.CommandValidator;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class OperatorWiring {

  @Bean(destroyMethod = "close")
  CommandDispatcher commandDispatcher(List<CommandHandler> handlers, OperatorProperties props) {
    return new CommandDispatcher(handlers, props.workerConcurrency(), props.queueCapacity());
  }

  @Bean
  RouterFunction<ServerResponse> triggerActionRoutes(CommandDispatcher dispatcher) {
    return new TriggerActionRoutes(new CommandValidator(), dispatcher).routes();
  }
}
