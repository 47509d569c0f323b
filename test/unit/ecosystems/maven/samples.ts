import type { Sample } from '../samples';

/**
 * pom.xml files as multi-module projects write them: a parent with managed versions in
 * properties, BOM imports, plugins with and without a groupId, a plugin's own dependencies,
 * extensions, profiles, and the XML a real pom carries (a declaration, namespaces, comments).
 */
export const mavenSamples: readonly Sample[] = [
  {
    file: 'pom.xml',
    text: `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.2.5</version>
    <relativePath/> <!-- lookup parent from repository -->
  </parent>
  <groupId>com.acme.billing</groupId>
  <artifactId>billing-parent</artifactId>
  <version>1.4.0-SNAPSHOT</version>
  <packaging>pom</packaging>

  <modules>
    <module>billing-api</module>
  </modules>

  <properties>
    <java.version>17</java.version>
    <acme-platform.version>2.3.1</acme-platform.version>
    <guava.version>33.1.0-jre</guava.version>
  </properties>

  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.acme.platform</groupId>
        <artifactId>acme-platform-bom</artifactId>
        <version>\${acme-platform.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
      <dependency>
        <groupId>com.google.guava</groupId>
        <artifactId>guava</artifactId>
        <version>\${guava.version}</version>
      </dependency>
    </dependencies>
  </dependencyManagement>

  <build>
    <pluginManagement>
      <plugins>
        <plugin>
          <artifactId>maven-surefire-plugin</artifactId>
          <version>3.2.5</version>
          <configuration>
            <argLine>-Xmx1g</argLine>
          </configuration>
        </plugin>
      </plugins>
    </pluginManagement>
    <extensions>
      <extension>
        <groupId>kr.motd.maven</groupId>
        <artifactId>os-maven-plugin</artifactId>
        <version>1.7.1</version>
      </extension>
    </extensions>
  </build>
</project>
`,
  },
  {
    file: 'billing-api/pom.xml',
    text: `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>com.acme.billing</groupId>
    <artifactId>billing-parent</artifactId>
    <version>1.4.0-SNAPSHOT</version>
  </parent>
  <artifactId>billing-api</artifactId>

  <dependencies>
    <dependency>
      <groupId>com.acme.platform</groupId>
      <artifactId>acme-auth-client</artifactId>
    </dependency>
    <dependency>
      <groupId>com.acme.platform</groupId>
      <artifactId>acme-ledger-client</artifactId>
      <version>[2.0,3.0)</version>
      <exclusions>
        <exclusion>
          <groupId>commons-logging</groupId>
          <artifactId>commons-logging</artifactId>
        </exclusion>
      </exclusions>
    </dependency>
    <dependency>
      <groupId>\${project.groupId}</groupId>
      <artifactId>billing-model</artifactId>
      <version>\${project.version}</version>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.13.0</version>
        <configuration>
          <annotationProcessorPaths>
            <path>
              <groupId>org.projectlombok</groupId>
              <artifactId>lombok</artifactId>
              <version>1.18.32</version>
            </path>
          </annotationProcessorPaths>
        </configuration>
        <dependencies>
          <dependency>
            <groupId>org.ow2.asm</groupId>
            <artifactId>asm</artifactId>
            <version>9.7</version>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>

  <profiles>
    <profile>
      <id>metrics</id>
      <dependencies>
        <dependency>
          <groupId>com.acme.platform</groupId>
          <artifactId>acme-metrics</artifactId>
          <version>1.9.2.RELEASE</version>
        </dependency>
      </dependencies>
    </profile>
  </profiles>
</project>
`,
  },
];
