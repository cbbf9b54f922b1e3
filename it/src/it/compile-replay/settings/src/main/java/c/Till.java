package c;

/** Uses the settings in its body only, where no processor looks. */
public class Till {
    public String open(ShopProperties shop) {
        return shop.getName() + " opens " + 1;
    }
}
