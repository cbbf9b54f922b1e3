def jar = new File(localRepositoryPath, 'dev/tandem/example/cars-processor/1.0/cars-processor-1.0.jar')
assert jar.isFile()
