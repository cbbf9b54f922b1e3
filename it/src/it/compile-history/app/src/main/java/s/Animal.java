package s; public sealed interface Animal permits Cat, Dog { }
