package c;

/** A connection pool's settings, nested under the shop's. */
public class Pool {
    /** The most connections open at once. */
    private int size = 8;

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }
}
