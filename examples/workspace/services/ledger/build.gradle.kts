plugins {
    java
}

dependencies {
    implementation(platform(libs.acme.bom))
    implementation("com.google.guava:guava:33.2.1-jre")
    testImplementation("org.junit.jupiter:junit-jupiter:5.10.2")
}
