import type { Sample } from '../samples';

/**
 * Gradle files as builds write them: a Groovy build with `ext` versions, map notation and a
 * buildscript, a Kotlin build with a catalog, platforms and positional arguments, the catalog
 * itself with refs and rich versions, and a settings script.
 */
export const gradleSamples: readonly Sample[] = [
  {
    file: 'build.gradle',
    text: `// Billing service
buildscript {
    ext {
        kotlinVersion = '1.9.24'
    }
    repositories { mavenCentral() }
    dependencies {
        classpath "org.jetbrains.kotlin:kotlin-gradle-plugin:\${kotlinVersion}"
    }
}

plugins {
    id 'java-library'
    id 'org.springframework.boot' version '3.2.5'
}

ext.acmeAuthVersion = "4.1.0"
def grpcVersion = '1.63.0'

dependencies {
    implementation platform('com.acme.platform:acme-platform-bom:2.3.1')
    implementation "com.acme.platform:acme-auth-client:$acmeAuthVersion"
    implementation "io.grpc:grpc-stub:\${grpcVersion}"
    implementation "io.grpc:grpc-protobuf:\${grpcVersion}"
    implementation group: 'com.acme.platform', name: 'acme-ledger-client', version: '2.7.0'
    implementation 'com.google.guava:guava:33.1.0-jre'
    implementation 'com.acme.platform:acme-metrics'
    runtimeOnly 'com.acme.platform:acme-native:1.2.0:linux-x86_64@so'
    /* testImplementation 'junit:junit:4.13.2' */
    testImplementation('org.junit.jupiter:junit-jupiter:5.10.+') {
        exclude group: 'org.hamcrest', module: 'hamcrest-core'
        because 'the old matcher clashes: see docs'
    }
    implementation(project(':billing-model'))
}
`,
  },
  {
    file: 'services/api/build.gradle.kts',
    text: `plugins {
    kotlin("jvm")
    alias(libs.plugins.spring.boot)
}

val ktorVersion: String = "2.3.11"
val jacksonVersion by extra("2.17.1")

dependencies {
    implementation(enforcedPlatform("com.acme.platform:acme-platform-bom:2.3.1"))
    implementation(libs.acme.auth)
    implementation("io.ktor:ktor-server-core:$ktorVersion")
    implementation("com.fasterxml.jackson.core", "jackson-databind", "\${jacksonVersion}")
    implementation(group = "com.acme.platform", name = "acme-events", version = "3.0.2")
    implementation("com.acme.platform:acme-strict:1.4.2!!")
    testImplementation("io.mockk:mockk:1.13.11") // comment with "quotes" and a: colon
    constraints {
        implementation("org.yaml:snakeyaml:[2.0,3.0)")
    }
}
`,
  },
  {
    file: 'gradle/libs.versions.toml',
    text: `[versions]
acme-auth = "4.1.0"
spring-boot = "3.2.5"
jackson = { strictly = "[2.15, 2.18[", prefer = "2.17.1" }

[libraries]
acme-auth = { module = "com.acme.platform:acme-auth-client", version.ref = "acme-auth" }
acme-auth-testing = { module = "com.acme.platform:acme-auth-client", version.ref = "acme-auth" }
acme-ledger = { group = "com.acme.platform", name = "acme-ledger-client", version = "2.7.0" }
jackson-bom = { module = "com.fasterxml.jackson:jackson-bom", version.ref = "jackson" }
guava = "com.google.guava:guava:33.1.0-jre"
acme-metrics = { module = "com.acme.platform:acme-metrics" }
okhttp = { module = "com.squareup.okhttp3:okhttp", version = { require = "4.12.0" } }

[bundles]
acme = ["acme-auth", "acme-ledger"]

[plugins]
spring-boot = { id = "org.springframework.boot", version.ref = "spring-boot" }
`,
  },
  {
    file: 'settings.gradle.kts',
    text: `pluginManagement {
    repositories { gradlePluginPortal() }
}
buildscript {
    dependencies {
        classpath("com.acme.gradle:acme-conventions:0.9.1")
    }
}
rootProject.name = "billing"
include("services:api")
`,
  },
];
