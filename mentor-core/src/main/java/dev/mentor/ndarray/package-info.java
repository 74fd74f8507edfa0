/**
 * Arrays that live in PyTorch's own memory. DJL's PyTorch engine puts a tensor made from Java data on
 * a direct buffer only its Java object keeps alive; autograd and views can outlive that object, and
 * then read memory the garbage collector has freed. {@link dev.mentor.ndarray.NativeArrays} moves
 * Java values in and out by copying, and {@link dev.mentor.ndarray.Scalars} replaces the
 * {@code NDArray} overloads that take a {@code Number}. Every other package goes through these two.
 */
package dev.mentor.ndarray;
