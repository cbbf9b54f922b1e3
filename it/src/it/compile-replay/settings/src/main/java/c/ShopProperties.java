package c;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** The shop's settings. */
@ConfigurationProperties("shop")
public class ShopProperties {
    /** The shop's name, as the receipts print it. */
    private String name = "corner";

    /** How many tills open at once. */
    private int tills = 2;

    /** The pool's settings, read from Pool's own source: its Javadoc and default values. */
    @NestedConfigurationProperty
    private final Pool pool = new Pool();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getTills() {
        return tills;
    }

    public void setTills(int tills) {
        this.tills = tills;
    }

    public Pool getPool() {
        return pool;
    }
}
