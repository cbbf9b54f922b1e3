package m;

import lombok.Data;

@Data
public class PersonDto {
    private String name;
}
