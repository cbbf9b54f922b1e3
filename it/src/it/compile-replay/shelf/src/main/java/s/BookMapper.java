package s;

import org.mapstruct.Mapper;

@Mapper
public interface BookMapper {
    EngineDto toDto(Engine engine);
}
