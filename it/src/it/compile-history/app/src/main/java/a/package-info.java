@PackageNote("one")
package a;
