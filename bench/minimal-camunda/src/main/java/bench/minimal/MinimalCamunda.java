package bench.minimal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot with Camunda's webapp and REST starters and nothing else: the start-up benchmark's baseline. */
@SpringBootApplication
public class MinimalCamunda {

    public static void main(String[] args) {
        SpringApplication.run(MinimalCamunda.class, args);
    }
}
