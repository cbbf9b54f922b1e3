package g; public class UsesBox { Box<Integer> box = new Box<>(); }
