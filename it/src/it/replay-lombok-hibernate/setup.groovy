// Entities with Lombok accessors: an owner with a list of pets (a relation), an embeddable address, a mapped
// superclass, and eight plain entities.
def src = new File(basedir, 'src/main/java/dev/tandem/it/clinic')
src.mkdirs()
def write = { String name, String text ->
    new File(src, "${name}.java").text = "package dev.tandem.it.clinic;\n\nimport jakarta.persistence.*;\n\n${text}\n"
}
write('BaseEntity', '@MappedSuperclass\n@lombok.Getter\n@lombok.Setter\npublic abstract class BaseEntity {\n    @Id\n    private Long id;\n}')
write('Address', '@Embeddable\n@lombok.Data\npublic class Address {\n    private String street;\n    private String city;\n}')
write('Owner', '@Entity\n@lombok.Getter\n@lombok.Setter\npublic class Owner extends BaseEntity {\n    private String name;\n    @Embedded\n    private Address address;\n    @OneToMany(mappedBy = "owner")\n    private java.util.List<Pet> pets;\n}')
write('Pet', '@Entity\n@lombok.Getter\n@lombok.Setter\npublic class Pet extends BaseEntity {\n    private String name;\n    @ManyToOne\n    private Owner owner;\n}')
(1..8).each { i ->
    write("Thing${i}", "@Entity\n@lombok.Data\npublic class Thing${i} {\n    @Id\n    private Long id;\n    private String label;\n}")
}
write('Unrelated', '@lombok.Getter\npublic class Unrelated {\n    int x;\n}')
return true
