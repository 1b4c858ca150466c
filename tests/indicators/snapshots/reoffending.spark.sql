WITH `t16` AS (
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
), `t17` AS (
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
)
SELECT
  `t38`.`service_id`,
  `t38`.`child_pk`,
  `t38`.`child_id`,
  `t38`.`index_date`,
  `t38`.`tier`,
  `t38`.`age`,
  `t38`.`sex`,
  `t38`.`ethnicity`,
  `t31`.`index_seriousness`,
  COALESCE(`t45`.`reoffences`, 0) AS `reoffences`
FROM (
  SELECT
    `t36`.`service_id`,
    `t36`.`child_pk`,
    `t36`.`index_date`,
    `t36`.`kind_rank`,
    `t36`.`source_pk`,
    `t36`.`tier`,
    `t36`.`outcome_pk`,
    `t36`.`child_id`,
    `t36`.`dob`,
    `t36`.`sex`,
    `t36`.`ethnicity`,
    `t36`.`prior`,
    `t36`.`send_status`,
    `t36`.`age`
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
        `t34`.`age`,
        ROW_NUMBER() OVER (
          PARTITION BY `t34`.`service_id`, `t34`.`child_pk`
          ORDER BY `t34`.`index_date` ASC NULLS LAST, `t34`.`kind_rank` ASC NULLS LAST, `t34`.`source_pk` ASC NULLS LAST
        ) - 1 AS `rn`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t32`.`service_id`,
            `t32`.`child_pk`,
            `t32`.`index_date`,
            `t32`.`kind_rank`,
            `t32`.`source_pk`,
            `t32`.`tier`,
            `t32`.`outcome_pk`,
            `t32`.`child_id`,
            `t32`.`dob`,
            `t32`.`sex`,
            `t32`.`ethnicity`,
            `t32`.`prior`,
            `t32`.`send_status`,
            (
              EXTRACT(year FROM `t32`.`index_date`) - EXTRACT(year FROM `t32`.`dob`)
            ) - IF(
              (
                (
                  EXTRACT(month FROM `t32`.`index_date`) * 100
                ) + EXTRACT(day FROM `t32`.`index_date`)
              ) < (
                (
                  EXTRACT(month FROM `t32`.`dob`) * 100
                ) + EXTRACT(day FROM `t32`.`dob`)
              ),
              1,
              0
            ) AS `age`
          FROM (
            SELECT
              `t27`.`service_id`,
              `t27`.`child_pk`,
              `t27`.`index_date`,
              `t27`.`kind_rank`,
              `t27`.`source_pk`,
              `t27`.`tier`,
              `t27`.`outcome_pk`,
              `t15`.`child_id`,
              `t15`.`dob`,
              `t15`.`sex`,
              `t15`.`ethnicity`,
              `t15`.`prior`,
              `t15`.`send_status`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t19`.`service_id`,
                  `t19`.`child_pk`,
                  `t19`.`outcome_date` AS `index_date`,
                  0 AS `kind_rank`,
                  `t19`.`outcome_pk` AS `source_pk`,
                  `t19`.`tier`,
                  `t19`.`outcome_pk`
                FROM `t17` AS `t19`
                WHERE
                  `t19`.`substantive`
                  AND NOT (
                    `t19`.`custodial`
                  )
                  AND `t19`.`outcome_date` BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)
              ) AS `t23`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t2`.`service_id`,
                  `t2`.`child_id` AS `child_pk`,
                  `t2`.`release_date` AS `index_date`,
                  1 AS `kind_rank`,
                  `t2`.`id` AS `source_pk`,
                  'release' AS `tier`,
                  `t2`.`outcome_id` AS `outcome_pk`
                FROM `offending_custodyepisode` AS `t2`
                WHERE
                  `t2`.`release_date` BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)
              ) AS `t13`
            ) AS `t27`
            INNER JOIN (
              SELECT
                `t3`.`service_id`,
                `t3`.`id` AS `child_pk`,
                `t3`.`reference` AS `child_id`,
                `t3`.`date_of_birth` AS `dob`,
                `t3`.`sex`,
                `t3`.`ethnicity`,
                COALESCE(`t3`.`prior_substantive_outcome`, FALSE) AS `prior`,
                `t3`.`send_status`
              FROM `people_child` AS `t3`
            ) AS `t15`
              ON `t27`.`child_pk` = `t15`.`child_pk` AND `t27`.`service_id` = `t15`.`service_id`
          ) AS `t32`
        ) AS `t33`
        WHERE
          `t33`.`age` BETWEEN 10 AND 17
      ) AS `t34`
    ) AS `t35`
    WHERE
      `t35`.`rn` = 0
  ) AS `t36`
) AS `t38`
LEFT OUTER JOIN (
  SELECT
    `t26`.`outcome_pk`,
    MAX(`t26`.`seriousness`) AS `index_seriousness`
  FROM (
    SELECT
      `t12`.`outcome_pk`,
      `t12`.`offence_pk`,
      `t20`.`service_id`,
      `t20`.`offence_id`,
      `t20`.`child_pk`,
      `t20`.`offence_date`,
      `t20`.`category`,
      `t20`.`category_name`,
      `t20`.`seriousness`,
      `t20`.`weapon`,
      `t20`.`description`,
      `t20`.`is_breach`
    FROM (
      SELECT
        `t0`.`outcome_id` AS `outcome_pk`,
        `t0`.`offence_id` AS `offence_pk`
      FROM `offending_outcome_offences` AS `t0`
    ) AS `t12`
    INNER JOIN `t16` AS `t20`
      ON `t12`.`offence_pk` = `t20`.`offence_pk`
  ) AS `t26`
  GROUP BY
    1
) AS `t31`
  ON `t38`.`outcome_pk` = `t31`.`outcome_pk`
LEFT OUTER JOIN (
  SELECT
    `t43`.`service_id`,
    `t43`.`child_pk`,
    COUNT(`t43`.`offence_pk`) AS `reoffences`
  FROM (
    SELECT DISTINCT
      `t42`.`service_id`,
      `t42`.`child_pk`,
      `t42`.`offence_pk`,
      `t42`.`offence_id`,
      `t42`.`offence_date`
    FROM (
      SELECT
        `t41`.`service_id`,
        `t41`.`child_pk`,
        `t41`.`child_id`,
        `t41`.`index_date`,
        `t41`.`tier`,
        `t41`.`age`,
        `t41`.`sex`,
        `t41`.`ethnicity`,
        `t41`.`index_seriousness`,
        `t41`.`offence_pk`,
        `t41`.`offence_id`,
        `t41`.`offence_date`,
        `t41`.`category`,
        `t41`.`category_name`,
        `t41`.`seriousness`,
        `t41`.`weapon`,
        `t41`.`description`,
        `t41`.`is_breach`,
        `t30`.`proof_offence_pk`,
        `t30`.`proof_date`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t38`.`service_id`,
            `t38`.`child_pk`,
            `t38`.`child_id`,
            `t38`.`index_date`,
            `t38`.`tier`,
            `t38`.`age`,
            `t38`.`sex`,
            `t38`.`ethnicity`,
            `t31`.`index_seriousness`,
            `t21`.`offence_pk`,
            `t21`.`offence_id`,
            `t21`.`offence_date`,
            `t21`.`category`,
            `t21`.`category_name`,
            `t21`.`seriousness`,
            `t21`.`weapon`,
            `t21`.`description`,
            `t21`.`is_breach`
          FROM (
            SELECT
              `t36`.`service_id`,
              `t36`.`child_pk`,
              `t36`.`index_date`,
              `t36`.`kind_rank`,
              `t36`.`source_pk`,
              `t36`.`tier`,
              `t36`.`outcome_pk`,
              `t36`.`child_id`,
              `t36`.`dob`,
              `t36`.`sex`,
              `t36`.`ethnicity`,
              `t36`.`prior`,
              `t36`.`send_status`,
              `t36`.`age`
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
                  `t34`.`age`,
                  ROW_NUMBER() OVER (
                    PARTITION BY `t34`.`service_id`, `t34`.`child_pk`
                    ORDER BY `t34`.`index_date` ASC NULLS LAST, `t34`.`kind_rank` ASC NULLS LAST, `t34`.`source_pk` ASC NULLS LAST
                  ) - 1 AS `rn`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t32`.`service_id`,
                      `t32`.`child_pk`,
                      `t32`.`index_date`,
                      `t32`.`kind_rank`,
                      `t32`.`source_pk`,
                      `t32`.`tier`,
                      `t32`.`outcome_pk`,
                      `t32`.`child_id`,
                      `t32`.`dob`,
                      `t32`.`sex`,
                      `t32`.`ethnicity`,
                      `t32`.`prior`,
                      `t32`.`send_status`,
                      (
                        EXTRACT(year FROM `t32`.`index_date`) - EXTRACT(year FROM `t32`.`dob`)
                      ) - IF(
                        (
                          (
                            EXTRACT(month FROM `t32`.`index_date`) * 100
                          ) + EXTRACT(day FROM `t32`.`index_date`)
                        ) < (
                          (
                            EXTRACT(month FROM `t32`.`dob`) * 100
                          ) + EXTRACT(day FROM `t32`.`dob`)
                        ),
                        1,
                        0
                      ) AS `age`
                    FROM (
                      SELECT
                        `t27`.`service_id`,
                        `t27`.`child_pk`,
                        `t27`.`index_date`,
                        `t27`.`kind_rank`,
                        `t27`.`source_pk`,
                        `t27`.`tier`,
                        `t27`.`outcome_pk`,
                        `t15`.`child_id`,
                        `t15`.`dob`,
                        `t15`.`sex`,
                        `t15`.`ethnicity`,
                        `t15`.`prior`,
                        `t15`.`send_status`
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t19`.`service_id`,
                            `t19`.`child_pk`,
                            `t19`.`outcome_date` AS `index_date`,
                            0 AS `kind_rank`,
                            `t19`.`outcome_pk` AS `source_pk`,
                            `t19`.`tier`,
                            `t19`.`outcome_pk`
                          FROM `t17` AS `t19`
                          WHERE
                            `t19`.`substantive`
                            AND NOT (
                              `t19`.`custodial`
                            )
                            AND `t19`.`outcome_date` BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)
                        ) AS `t23`
                        UNION ALL
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t2`.`service_id`,
                            `t2`.`child_id` AS `child_pk`,
                            `t2`.`release_date` AS `index_date`,
                            1 AS `kind_rank`,
                            `t2`.`id` AS `source_pk`,
                            'release' AS `tier`,
                            `t2`.`outcome_id` AS `outcome_pk`
                          FROM `offending_custodyepisode` AS `t2`
                          WHERE
                            `t2`.`release_date` BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)
                        ) AS `t13`
                      ) AS `t27`
                      INNER JOIN (
                        SELECT
                          `t3`.`service_id`,
                          `t3`.`id` AS `child_pk`,
                          `t3`.`reference` AS `child_id`,
                          `t3`.`date_of_birth` AS `dob`,
                          `t3`.`sex`,
                          `t3`.`ethnicity`,
                          COALESCE(`t3`.`prior_substantive_outcome`, FALSE) AS `prior`,
                          `t3`.`send_status`
                        FROM `people_child` AS `t3`
                      ) AS `t15`
                        ON `t27`.`child_pk` = `t15`.`child_pk` AND `t27`.`service_id` = `t15`.`service_id`
                    ) AS `t32`
                  ) AS `t33`
                  WHERE
                    `t33`.`age` BETWEEN 10 AND 17
                ) AS `t34`
              ) AS `t35`
              WHERE
                `t35`.`rn` = 0
            ) AS `t36`
          ) AS `t38`
          LEFT OUTER JOIN (
            SELECT
              `t26`.`outcome_pk`,
              MAX(`t26`.`seriousness`) AS `index_seriousness`
            FROM (
              SELECT
                `t12`.`outcome_pk`,
                `t12`.`offence_pk`,
                `t20`.`service_id`,
                `t20`.`offence_id`,
                `t20`.`child_pk`,
                `t20`.`offence_date`,
                `t20`.`category`,
                `t20`.`category_name`,
                `t20`.`seriousness`,
                `t20`.`weapon`,
                `t20`.`description`,
                `t20`.`is_breach`
              FROM (
                SELECT
                  `t0`.`outcome_id` AS `outcome_pk`,
                  `t0`.`offence_id` AS `offence_pk`
                FROM `offending_outcome_offences` AS `t0`
              ) AS `t12`
              INNER JOIN `t16` AS `t20`
                ON `t12`.`offence_pk` = `t20`.`offence_pk`
            ) AS `t26`
            GROUP BY
              1
          ) AS `t31`
            ON `t38`.`outcome_pk` = `t31`.`outcome_pk`
          INNER JOIN `t16` AS `t21`
            ON `t38`.`child_pk` = `t21`.`child_pk` AND `t38`.`service_id` = `t21`.`service_id`
        ) AS `t39`
        WHERE
          `t39`.`offence_date` > `t39`.`index_date`
          AND `t39`.`offence_date` <= (
            `t39`.`index_date` + INTERVAL '12' MONTH
          )
          AND NOT (
            `t39`.`is_breach`
          )
      ) AS `t41`
      INNER JOIN (
        SELECT
          `t12`.`offence_pk` AS `proof_offence_pk`,
          `t24`.`outcome_date` AS `proof_date`
        FROM (
          SELECT
            `t0`.`outcome_id` AS `outcome_pk`,
            `t0`.`offence_id` AS `offence_pk`
          FROM `offending_outcome_offences` AS `t0`
        ) AS `t12`
        INNER JOIN (
          SELECT
            *
          FROM `t17` AS `t19`
          WHERE
            `t19`.`substantive`
        ) AS `t24`
          ON `t12`.`outcome_pk` = `t24`.`outcome_pk`
      ) AS `t30`
        ON `t41`.`offence_pk` = `t30`.`proof_offence_pk`
    ) AS `t42`
    WHERE
      `t42`.`proof_date` <= (
        `t42`.`index_date` + INTERVAL '18' MONTH
      )
  ) AS `t43`
  GROUP BY
    1,
    2
) AS `t45`
  ON `t38`.`service_id` = `t45`.`service_id` AND `t38`.`child_pk` = `t45`.`child_pk`
