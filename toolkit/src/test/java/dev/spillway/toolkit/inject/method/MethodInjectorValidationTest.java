package dev.spillway.toolkit.inject.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.method.OrderRepository.Order;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class MethodInjectorValidationTest {

  private static final String REPOSITORY = OrderRepository.class.getName();

  @Test
  void aClassThatDoesNotExist_isNamed() {
    assertThatThrownBy(() -> MethodInjector.on("com.example.NoSuchRepository", "insert").check())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("class name must name a class that class loader ")
        .hasMessageContaining(
            "can load (a binary name such as com.example.Outer$Inner), but was"
                + " \"com.example.NoSuchRepository\"");
  }

  @Test
  void aMethodThatDoesNotExist_listsTheClassMethods() {
    assertThatThrownBy(() -> MethodInjector.on(OrderRepository.class, "insrt").check())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "method name must name a method declared by "
                + REPOSITORY
                + " (its methods: insert, inserted, nativeFlush, save), but was \"insrt\"");
  }

  @Test
  void anInheritedMethod_namesTheClassThatDeclaresIt() {
    assertThatThrownBy(() -> MethodInjector.on(ArrayListChild.class, "add").check())
        .hasMessageContaining(
            "; add is inherited from java.util.ArrayList: name that class instead, but was"
                + " \"add\"");
  }

  @Test
  void anOverloadedMethod_withoutParameterTypes_isAmbiguous() {
    assertThatThrownBy(() -> MethodInjector.on(OrderRepository.class, "insert").check())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parameter types must be given to choose one of the 2 overloads of "
                + REPOSITORY
                + ".insert (insert(Order), insert(Order, boolean)), but were not given");
  }

  @Test
  void parameterTypesThatMatchNoOverload_areNamed() {
    assertThatThrownBy(
            () ->
                MethodInjector.on(OrderRepository.class, "insert")
                    .withParameterTypes(String.class)
                    .check())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parameter types must match one overload of "
                + REPOSITORY
                + ".insert (insert(Order), insert(Order, boolean)), but were"
                + " [java.lang.String]");
  }

  @Test
  void aJdkClass_isRefused() {
    assertThatThrownBy(() -> MethodInjector.on(ArrayList.class, "clear").check())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "class must be loaded by an application class loader, not the JDK's bootstrap loader"
                + " (Spillway's advice cannot be seen from there, and weaving the JDK would slow"
                + " the test's own machinery), but was java.util.ArrayList");
  }

  @Test
  void aNativeMethod_isRefused() {
    assertThatThrownBy(() -> MethodInjector.on(OrderRepository.class, "nativeFlush").check())
        .hasMessage(
            "method must have a body to weave advice into, but nativeFlush() of "
                + REPOSITORY
                + " is native: name a class that implements it");
  }

  @Test
  void anInterfaceMethodWithoutABody_isRefused() {
    assertThatThrownBy(() -> MethodInjector.on(Handler.class, "handle").check())
        .hasMessage(
            "method must have a body to weave advice into, but handle(Order) of "
                + Handler.class.getName()
                + " is abstract (an interface method without a body): name a class that"
                + " implements it");
  }

  @Test
  void aCheckedExceptionTheMethodDoesNotDeclare_isRefused() {
    assertThatThrownBy(
            () ->
                MethodInjector.on(OrderRepository.class, "insert")
                    .withParameterTypes(Order.class)
                    .using(Injector.named("x").withFaultProbability(0.1))
                    .failingWith(java.io.IOException.class, "disk full")
                    .check())
        .hasMessage(
            "exception type must be unchecked or declared by "
                + REPOSITORY
                + ".insert(Order) (it declares []), but was java.io.IOException");
  }

  @Test
  void aChosenExceptionWithoutAFaultProbability_isRefused() {
    assertThatThrownBy(
            () ->
                MethodInjector.on(OrderRepository.class, "save")
                    .failingWith(IllegalStateException.class, "down")
                    .check())
        .hasMessage(
            "the fault probability of injector 'OrderRepository.save' must be > 0 when"
                + " failingWith(...) chooses the exception (Injector.withFaultProbability), but"
                + " was 0.0");
  }

  @Test
  void anExceptionWithoutAMessageConstructor_isRefused() {
    assertThatThrownBy(
            () ->
                MethodInjector.on(OrderRepository.class, "save")
                    .failingWith(NoMessage.class, "down"))
        .hasMessage(
            "exception type must have a public constructor taking a String message, but was "
                + NoMessage.class.getName());
  }

  @Test
  void spillwaysOwnClasses_areRefused() {
    assertThatThrownBy(() -> MethodInjector.on(Injector.class, "start").check())
        .hasMessage(
            "class must not be one of Spillway's toolkit or Byte Buddy (they run the injection),"
                + " but was dev.spillway.toolkit.inject.Injector");
  }

  @Test
  void check_findsTheMethod_withoutWeavingIt() throws Exception {
    assertThat(
            MethodInjector.on(OrderRepository.class, "insert")
                .withParameterTypes(Order.class, boolean.class)
                .check())
        .isEqualTo(OrderRepository.class.getDeclaredMethod("insert", Order.class, boolean.class));
    assertThat(MethodInjector.on(Callable.class.getName(), "call").toString())
        .isEqualTo(
            "MethodInjector[method=java.util.concurrent.Callable.call, fault=InjectedFault,"
                + " injector="
                + Injector.named("Callable.call")
                + "]");
  }

  /** A class that inherits the method it is asked for. */
  static final class ArrayListChild extends ArrayList<String> {
    private static final long serialVersionUID = 1L;
  }

  /** An interface method without a body. */
  interface Handler {
    void handle(Order order);
  }

  /** An exception with no constructor taking a message. */
  public static final class NoMessage extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
