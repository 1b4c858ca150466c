WITH `t11` AS (
  SELECT
    `t0`.`outcome_id` AS `outcome_pk`,
    `t0`.`offence_id` AS `offence_pk`
  FROM `offending_outcome_offences` AS `t0`
), `t17` AS (
  SELECT
    `t7`.`service_id`,
    `t7`.`id` AS `offence_pk`,
    `t7`.`reference` AS `offence_id`,
    `t7`.`child_id` AS `child_pk`,
    `t7`.`offence_date`,
    `t7`.`category_id` AS `category`,
    `t8`.`name` AS `category_name`,
    `t7`.`seriousness`,
    `t7`.`weapon`,
    `t7`.`description`,
    `t8`.`is_breach`
  FROM `offending_offence` AS `t7`
  INNER JOIN `offending_offencecategory` AS `t8`
    ON `t7`.`category_id` = `t8`.`code`
), `t18` AS (
  SELECT
    `t9`.`service_id`,
    `t9`.`id` AS `outcome_pk`,
    `t9`.`reference` AS `outcome_id`,
    `t9`.`child_id` AS `child_pk`,
    `t9`.`outcome_date`,
    `t9`.`outcome_type_id` AS `outcome_type`,
    `t10`.`tier`,
    `t10`.`substantive`,
    `t10`.`custodial`,
    `t9`.`psr_proposal_id` AS `psr_proposal`
  FROM `offending_outcome` AS `t9`
  INNER JOIN `offending_outcometype` AS `t10`
    ON `t9`.`outcome_type_id` = `t10`.`code`
), `t27` AS (
  SELECT
    *
  FROM (
    SELECT
      `t20`.`service_id`,
      `t20`.`child_pk`,
      `t20`.`outcome_date` AS `index_date`,
      0 AS `kind_rank`,
      `t20`.`outcome_pk` AS `source_pk`,
      `t20`.`tier`,
      `t20`.`outcome_pk`
    FROM `t18` AS `t20`
    WHERE
      `t20`.`substantive`
      AND NOT (
        `t20`.`custodial`
      )
      AND `t20`.`outcome_date` BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)
  ) AS `t25`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t4`.`service_id`,
      `t4`.`child_id` AS `child_pk`,
      `t4`.`release_date` AS `index_date`,
      1 AS `kind_rank`,
      `t4`.`id` AS `source_pk`,
      'release' AS `tier`,
      `t4`.`outcome_id` AS `outcome_pk`
    FROM `offending_custodyepisode` AS `t4`
    WHERE
      `t4`.`release_date` BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)
  ) AS `t14`
)
SELECT
  `t44`.`service_id`,
  `t44`.`child_pk`,
  `t44`.`child_id`,
  `t44`.`index_date`,
  `t44`.`tier`,
  `t44`.`age`,
  `t44`.`sex`,
  `t44`.`ethnicity`,
  `t39`.`index_seriousness`,
  COALESCE(`t54`.`reoffences`, 0) AS `reoffences`
FROM (
  SELECT
    `t42`.`service_id`,
    `t42`.`child_pk`,
    `t42`.`index_date`,
    `t42`.`kind_rank`,
    `t42`.`source_pk`,
    `t42`.`tier`,
    `t42`.`outcome_pk`,
    `t42`.`child_id`,
    `t42`.`dob`,
    `t42`.`sex`,
    `t42`.`ethnicity`,
    `t42`.`prior`,
    `t42`.`send_status`,
    `t42`.`age`
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t40`.`service_id`,
        `t40`.`child_pk`,
        `t40`.`index_date`,
        `t40`.`kind_rank`,
        `t40`.`source_pk`,
        `t40`.`tier`,
        `t40`.`outcome_pk`,
        `t40`.`child_id`,
        `t40`.`dob`,
        `t40`.`sex`,
        `t40`.`ethnicity`,
        `t40`.`prior`,
        `t40`.`send_status`,
        `t40`.`age`,
        ROW_NUMBER() OVER (
          PARTITION BY `t40`.`service_id`, `t40`.`child_pk`
          ORDER BY `t40`.`index_date` ASC NULLS LAST, `t40`.`kind_rank` ASC NULLS LAST, `t40`.`source_pk` ASC NULLS LAST
        ) - 1 AS `rn`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t34`.`service_id`,
            `t34`.`child_pk`,
            `t34`.`index_date`,
            `t34`.`kind_rank`,
            `t34`.`source_pk`,
            `t34`.`tier`,
            `t34`.`outcome_pk`,
            `t34`.`child_id`,
            `t34`.`dob`,
            `t34`.`sex`,
            `t34`.`ethnicity`,
            `t34`.`prior`,
            `t34`.`send_status`,
            (
              EXTRACT(year FROM `t34`.`index_date`) - EXTRACT(year FROM `t34`.`dob`)
            ) - IF(
              (
                (
                  EXTRACT(month FROM `t34`.`index_date`) * 100
                ) + EXTRACT(day FROM `t34`.`index_date`)
              ) < (
                (
                  EXTRACT(month FROM `t34`.`dob`) * 100
                ) + EXTRACT(day FROM `t34`.`dob`)
              ),
              1,
              0
            ) AS `age`
          FROM (
            SELECT
              `t29`.`service_id`,
              `t29`.`child_pk`,
              `t29`.`index_date`,
              `t29`.`kind_rank`,
              `t29`.`source_pk`,
              `t29`.`tier`,
              `t29`.`outcome_pk`,
              `t16`.`child_id`,
              `t16`.`dob`,
              `t16`.`sex`,
              `t16`.`ethnicity`,
              `t16`.`prior`,
              `t16`.`send_status`
            FROM `t27` AS `t29`
            INNER JOIN (
              SELECT
                `t2`.`service_id`,
                `t2`.`id` AS `child_pk`,
                `t2`.`reference` AS `child_id`,
                `t2`.`date_of_birth` AS `dob`,
                `t2`.`sex`,
                `t2`.`ethnicity`,
                COALESCE(`t2`.`prior_substantive_outcome`, FALSE) AS `prior`,
                `t2`.`send_status`
              FROM `people_child` AS `t2`
            ) AS `t16`
              ON `t29`.`child_pk` = `t16`.`child_pk` AND `t29`.`service_id` = `t16`.`service_id`
          ) AS `t34`
        ) AS `t38`
        WHERE
          `t38`.`age` BETWEEN 10 AND 17
      ) AS `t40`
    ) AS `t41`
    WHERE
      `t41`.`rn` = 0
  ) AS `t42`
) AS `t44`
LEFT OUTER JOIN (
  SELECT
    `t36`.`outcome_pk`,
    MAX(`t36`.`seriousness`) AS `index_seriousness`
  FROM (
    SELECT
      `t35`.`outcome_pk`,
      `t35`.`offence_pk`,
      `t21`.`service_id`,
      `t21`.`offence_id`,
      `t21`.`child_pk`,
      `t21`.`offence_date`,
      `t21`.`category`,
      `t21`.`category_name`,
      `t21`.`seriousness`,
      `t21`.`weapon`,
      `t21`.`description`,
      `t21`.`is_breach`
    FROM (
      SELECT
        *
      FROM `t11` AS `t12`
      WHERE
        `t12`.`outcome_pk` IN (
          SELECT
            `t28`.`outcome_pk`
          FROM `t27` AS `t28`
        )
    ) AS `t35`
    INNER JOIN `t17` AS `t21`
      ON `t35`.`offence_pk` = `t21`.`offence_pk`
  ) AS `t36`
  GROUP BY
    1
) AS `t39`
  ON `t44`.`outcome_pk` = `t39`.`outcome_pk`
LEFT OUTER JOIN (
  SELECT
    `t52`.`service_id` AS `of_service`,
    `t52`.`child_pk` AS `of_child`,
    COUNT(`t52`.`offence_pk`) AS `reoffences`
  FROM (
    SELECT DISTINCT
      `t51`.`service_id`,
      `t51`.`child_pk`,
      `t51`.`offence_pk`
    FROM (
      SELECT
        `t50`.`service_id`,
        `t50`.`child_pk`,
        `t50`.`index_date`,
        `t50`.`offence_pk`,
        `t50`.`offence_id`,
        `t50`.`offence_date`,
        `t50`.`is_breach`,
        `t32`.`proof_offence_pk`,
        `t32`.`proof_date`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t47`.`service_id`,
            `t47`.`child_pk`,
            `t47`.`index_date`,
            `t24`.`offence_pk`,
            `t24`.`offence_id`,
            `t24`.`offence_date`,
            `t24`.`is_breach`
          FROM (
            SELECT
              `t45`.`service_id`,
              `t45`.`child_pk`,
              `t45`.`index_date`
            FROM (
              SELECT
                `t44`.`service_id`,
                `t44`.`child_pk`,
                `t44`.`child_id`,
                `t44`.`index_date`,
                `t44`.`tier`,
                `t44`.`age`,
                `t44`.`sex`,
                `t44`.`ethnicity`,
                `t39`.`index_seriousness`
              FROM (
                SELECT
                  `t42`.`service_id`,
                  `t42`.`child_pk`,
                  `t42`.`index_date`,
                  `t42`.`kind_rank`,
                  `t42`.`source_pk`,
                  `t42`.`tier`,
                  `t42`.`outcome_pk`,
                  `t42`.`child_id`,
                  `t42`.`dob`,
                  `t42`.`sex`,
                  `t42`.`ethnicity`,
                  `t42`.`prior`,
                  `t42`.`send_status`,
                  `t42`.`age`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t40`.`service_id`,
                      `t40`.`child_pk`,
                      `t40`.`index_date`,
                      `t40`.`kind_rank`,
                      `t40`.`source_pk`,
                      `t40`.`tier`,
                      `t40`.`outcome_pk`,
                      `t40`.`child_id`,
                      `t40`.`dob`,
                      `t40`.`sex`,
                      `t40`.`ethnicity`,
                      `t40`.`prior`,
                      `t40`.`send_status`,
                      `t40`.`age`,
                      ROW_NUMBER() OVER (
                        PARTITION BY `t40`.`service_id`, `t40`.`child_pk`
                        ORDER BY `t40`.`index_date` ASC NULLS LAST, `t40`.`kind_rank` ASC NULLS LAST, `t40`.`source_pk` ASC NULLS LAST
                      ) - 1 AS `rn`
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          `t34`.`service_id`,
                          `t34`.`child_pk`,
                          `t34`.`index_date`,
                          `t34`.`kind_rank`,
                          `t34`.`source_pk`,
                          `t34`.`tier`,
                          `t34`.`outcome_pk`,
                          `t34`.`child_id`,
                          `t34`.`dob`,
                          `t34`.`sex`,
                          `t34`.`ethnicity`,
                          `t34`.`prior`,
                          `t34`.`send_status`,
                          (
                            EXTRACT(year FROM `t34`.`index_date`) - EXTRACT(year FROM `t34`.`dob`)
                          ) - IF(
                            (
                              (
                                EXTRACT(month FROM `t34`.`index_date`) * 100
                              ) + EXTRACT(day FROM `t34`.`index_date`)
                            ) < (
                              (
                                EXTRACT(month FROM `t34`.`dob`) * 100
                              ) + EXTRACT(day FROM `t34`.`dob`)
                            ),
                            1,
                            0
                          ) AS `age`
                        FROM (
                          SELECT
                            `t29`.`service_id`,
                            `t29`.`child_pk`,
                            `t29`.`index_date`,
                            `t29`.`kind_rank`,
                            `t29`.`source_pk`,
                            `t29`.`tier`,
                            `t29`.`outcome_pk`,
                            `t16`.`child_id`,
                            `t16`.`dob`,
                            `t16`.`sex`,
                            `t16`.`ethnicity`,
                            `t16`.`prior`,
                            `t16`.`send_status`
                          FROM `t27` AS `t29`
                          INNER JOIN (
                            SELECT
                              `t2`.`service_id`,
                              `t2`.`id` AS `child_pk`,
                              `t2`.`reference` AS `child_id`,
                              `t2`.`date_of_birth` AS `dob`,
                              `t2`.`sex`,
                              `t2`.`ethnicity`,
                              COALESCE(`t2`.`prior_substantive_outcome`, FALSE) AS `prior`,
                              `t2`.`send_status`
                            FROM `people_child` AS `t2`
                          ) AS `t16`
                            ON `t29`.`child_pk` = `t16`.`child_pk` AND `t29`.`service_id` = `t16`.`service_id`
                        ) AS `t34`
                      ) AS `t38`
                      WHERE
                        `t38`.`age` BETWEEN 10 AND 17
                    ) AS `t40`
                  ) AS `t41`
                  WHERE
                    `t41`.`rn` = 0
                ) AS `t42`
              ) AS `t44`
              LEFT OUTER JOIN (
                SELECT
                  `t36`.`outcome_pk`,
                  MAX(`t36`.`seriousness`) AS `index_seriousness`
                FROM (
                  SELECT
                    `t35`.`outcome_pk`,
                    `t35`.`offence_pk`,
                    `t21`.`service_id`,
                    `t21`.`offence_id`,
                    `t21`.`child_pk`,
                    `t21`.`offence_date`,
                    `t21`.`category`,
                    `t21`.`category_name`,
                    `t21`.`seriousness`,
                    `t21`.`weapon`,
                    `t21`.`description`,
                    `t21`.`is_breach`
                  FROM (
                    SELECT
                      *
                    FROM `t11` AS `t12`
                    WHERE
                      `t12`.`outcome_pk` IN (
                        SELECT
                          `t28`.`outcome_pk`
                        FROM `t27` AS `t28`
                      )
                  ) AS `t35`
                  INNER JOIN `t17` AS `t21`
                    ON `t35`.`offence_pk` = `t21`.`offence_pk`
                ) AS `t36`
                GROUP BY
                  1
              ) AS `t39`
                ON `t44`.`outcome_pk` = `t39`.`outcome_pk`
            ) AS `t45`
          ) AS `t47`
          INNER JOIN (
            SELECT
              `t19`.`service_id`,
              `t19`.`child_pk`,
              `t19`.`offence_pk`,
              `t19`.`offence_id`,
              `t19`.`offence_date`,
              `t19`.`is_breach`
            FROM `t17` AS `t19`
          ) AS `t24`
            ON `t47`.`child_pk` = `t24`.`child_pk` AND `t47`.`service_id` = `t24`.`service_id`
        ) AS `t48`
        WHERE
          `t48`.`offence_date` > `t48`.`index_date`
          AND `t48`.`offence_date` <= (
            `t48`.`index_date` + INTERVAL '12' MONTH
          )
          AND NOT (
            `t48`.`is_breach`
          )
      ) AS `t50`
      INNER JOIN (
        SELECT
          `t15`.`offence_pk` AS `proof_offence_pk`,
          `t26`.`outcome_date` AS `proof_date`
        FROM `t11` AS `t15`
        INNER JOIN (
          SELECT
            *
          FROM `t18` AS `t20`
          WHERE
            `t20`.`substantive`
        ) AS `t26`
          ON `t15`.`outcome_pk` = `t26`.`outcome_pk`
      ) AS `t32`
        ON `t50`.`offence_pk` = `t32`.`proof_offence_pk`
    ) AS `t51`
    WHERE
      `t51`.`proof_date` <= (
        `t51`.`index_date` + INTERVAL '18' MONTH
      )
  ) AS `t52`
  GROUP BY
    1,
    2
) AS `t54`
  ON `t44`.`service_id` = `t54`.`of_service` AND `t44`.`child_pk` = `t54`.`of_child`
