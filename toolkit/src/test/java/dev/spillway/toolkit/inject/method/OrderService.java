package dev.spillway.toolkit.inject.method;

import dev.spillway.toolkit.inject.method.OrderRepository.Order;

/** A consumer's handler that reaches the repository two calls deep, with no seam on the way. */
final class OrderService {

  private final OrderRepository repository;

  OrderService(OrderRepository repository) {
    this.repository = repository;
  }

  void handle(long id) {
    store(new Order(id));
  }

  private void store(Order order) {
    repository.insert(order);
  }
}
