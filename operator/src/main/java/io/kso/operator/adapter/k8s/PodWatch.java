package io.kso.operator.adapter.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kso.common.message.Command;
import io.kso.operator.vuln.NewImageTrigger;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every pod of the cluster and hands new images to the {@link NewImageTrigger}; the scans
 * it asks for go to {@code submit}. Pods running when it starts are seeds.
 */
public final class PodWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PodWatch.class);

  private final SharedIndexInformer<Pod> informer;
  private final KubernetesClient client;
  private final NewImageTrigger trigger;

  public PodWatch(
      KubernetesClient client, NewImageTrigger trigger, Consumer<List<Command>> submit) {
    this.client = client;
    this.trigger = trigger;
    this.informer = client.pods().inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            consider(pod);
          }

          @Override
          public void onUpdate(Pod before, Pod pod) {
            consider(pod);
          }

          @Override
          public void onDelete(Pod pod, boolean unknownFinalState) {}

          private void consider(Pod pod) {
            try {
              trigger
                  .changed(pod)
                  .ifPresent(
                      command -> {
                        log.atInfo()
                            .addKeyValue("wlid", command.wlid())
                            .log("new image running: scan requested");
                        submit.accept(List.of(command));
                      });
            } catch (RuntimeException e) {
              trigger.forget(pod);
              log.atWarn()
                  .addKeyValue("pod", pod.getMetadata().getName())
                  .log(
                      "new image not scanned, will retry on the pod's next change: "
                          + e.getMessage());
            }
          }
        });
  }

  /** The pods running now are seeds; then every added or changed pod is checked. */
  public void start() {
    client.pods().inAnyNamespace().list().getItems().forEach(trigger::seed);
    informer.start();
  }

  @Override
  public void close() {
    informer.close();
  }
}
