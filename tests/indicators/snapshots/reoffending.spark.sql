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
)
SELECT
  `t53`.`service_id`,
  `t53`.`child_pk`,
  `t37`.`child_id`,
  `t37`.`index_date`,
  `t37`.`tier`,
  `t37`.`age`,
  `t37`.`sex`,
  `t37`.`ethnicity`,
  `t43`.`index_seriousness`,
  COALESCE(`t53`.`reoffences`, 0) AS `reoffences`
FROM (
  SELECT
    `t35`.`service_id`,
    `t35`.`child_pk`,
    `t35`.`index_date`,
    `t35`.`kind_rank`,
    `t35`.`source_pk`,
    `t35`.`tier`,
    `t35`.`outcome_pk`,
    `t35`.`child_id`,
    `t35`.`dob`,
    `t35`.`sex`,
    `t35`.`ethnicity`,
    `t35`.`prior`,
    `t35`.`send_status`,
    `t35`.`age`
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t33`.`service_id`,
        `t33`.`child_pk`,
        `t33`.`index_date`,
        `t33`.`kind_rank`,
        `t33`.`source_pk`,
        `t33`.`tier`,
        `t33`.`outcome_pk`,
        `t33`.`child_id`,
        `t33`.`dob`,
        `t33`.`sex`,
        `t33`.`ethnicity`,
        `t33`.`prior`,
        `t33`.`send_status`,
        `t33`.`age`,
        ROW_NUMBER() OVER (
          PARTITION BY `t33`.`service_id`, `t33`.`child_pk`
          ORDER BY `t33`.`index_date` ASC NULLS LAST, `t33`.`kind_rank` ASC NULLS LAST, `t33`.`source_pk` ASC NULLS LAST
        ) - 1 AS `rn`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t31`.`service_id`,
            `t31`.`child_pk`,
            `t31`.`index_date`,
            `t31`.`kind_rank`,
            `t31`.`source_pk`,
            `t31`.`tier`,
            `t31`.`outcome_pk`,
            `t31`.`child_id`,
            `t31`.`dob`,
            `t31`.`sex`,
            `t31`.`ethnicity`,
            `t31`.`prior`,
            `t31`.`send_status`,
            (
              EXTRACT(year FROM `t31`.`index_date`) - EXTRACT(year FROM `t31`.`dob`)
            ) - IF(
              (
                (
                  EXTRACT(month FROM `t31`.`index_date`) * 100
                ) + EXTRACT(day FROM `t31`.`index_date`)
              ) < (
                (
                  EXTRACT(month FROM `t31`.`dob`) * 100
                ) + EXTRACT(day FROM `t31`.`dob`)
              ),
              1,
              0
            ) AS `age`
          FROM (
            SELECT
              `t28`.`service_id`,
              `t28`.`child_pk`,
              `t28`.`index_date`,
              `t28`.`kind_rank`,
              `t28`.`source_pk`,
              `t28`.`tier`,
              `t28`.`outcome_pk`,
              `t16`.`child_id`,
              `t16`.`dob`,
              `t16`.`sex`,
              `t16`.`ethnicity`,
              `t16`.`prior`,
              `t16`.`send_status`
            FROM (
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
            ) AS `t28`
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
            ) AS `t16`
              ON `t28`.`child_pk` = `t16`.`child_pk` AND `t28`.`service_id` = `t16`.`service_id`
          ) AS `t31`
        ) AS `t32`
        WHERE
          `t32`.`age` BETWEEN 10 AND 17
      ) AS `t33`
    ) AS `t34`
    WHERE
      `t34`.`rn` = 0
  ) AS `t35`
) AS `t37`
LEFT OUTER JOIN (
  SELECT
    `t41`.`outcome_pk`,
    MAX(`t41`.`seriousness`) AS `index_seriousness`
  FROM (
    SELECT
      `t40`.`outcome_pk`,
      `t40`.`offence_pk`,
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
            `t36`.`outcome_pk`
          FROM (
            SELECT
              `t35`.`service_id`,
              `t35`.`child_pk`,
              `t35`.`index_date`,
              `t35`.`kind_rank`,
              `t35`.`source_pk`,
              `t35`.`tier`,
              `t35`.`outcome_pk`,
              `t35`.`child_id`,
              `t35`.`dob`,
              `t35`.`sex`,
              `t35`.`ethnicity`,
              `t35`.`prior`,
              `t35`.`send_status`,
              `t35`.`age`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t33`.`service_id`,
                  `t33`.`child_pk`,
                  `t33`.`index_date`,
                  `t33`.`kind_rank`,
                  `t33`.`source_pk`,
                  `t33`.`tier`,
                  `t33`.`outcome_pk`,
                  `t33`.`child_id`,
                  `t33`.`dob`,
                  `t33`.`sex`,
                  `t33`.`ethnicity`,
                  `t33`.`prior`,
                  `t33`.`send_status`,
                  `t33`.`age`,
                  ROW_NUMBER() OVER (
                    PARTITION BY `t33`.`service_id`, `t33`.`child_pk`
                    ORDER BY `t33`.`index_date` ASC NULLS LAST, `t33`.`kind_rank` ASC NULLS LAST, `t33`.`source_pk` ASC NULLS LAST
                  ) - 1 AS `rn`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t31`.`service_id`,
                      `t31`.`child_pk`,
                      `t31`.`index_date`,
                      `t31`.`kind_rank`,
                      `t31`.`source_pk`,
                      `t31`.`tier`,
                      `t31`.`outcome_pk`,
                      `t31`.`child_id`,
                      `t31`.`dob`,
                      `t31`.`sex`,
                      `t31`.`ethnicity`,
                      `t31`.`prior`,
                      `t31`.`send_status`,
                      (
                        EXTRACT(year FROM `t31`.`index_date`) - EXTRACT(year FROM `t31`.`dob`)
                      ) - IF(
                        (
                          (
                            EXTRACT(month FROM `t31`.`index_date`) * 100
                          ) + EXTRACT(day FROM `t31`.`index_date`)
                        ) < (
                          (
                            EXTRACT(month FROM `t31`.`dob`) * 100
                          ) + EXTRACT(day FROM `t31`.`dob`)
                        ),
                        1,
                        0
                      ) AS `age`
                    FROM (
                      SELECT
                        `t28`.`service_id`,
                        `t28`.`child_pk`,
                        `t28`.`index_date`,
                        `t28`.`kind_rank`,
                        `t28`.`source_pk`,
                        `t28`.`tier`,
                        `t28`.`outcome_pk`,
                        `t16`.`child_id`,
                        `t16`.`dob`,
                        `t16`.`sex`,
                        `t16`.`ethnicity`,
                        `t16`.`prior`,
                        `t16`.`send_status`
                      FROM (
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
                      ) AS `t28`
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
                      ) AS `t16`
                        ON `t28`.`child_pk` = `t16`.`child_pk` AND `t28`.`service_id` = `t16`.`service_id`
                    ) AS `t31`
                  ) AS `t32`
                  WHERE
                    `t32`.`age` BETWEEN 10 AND 17
                ) AS `t33`
              ) AS `t34`
              WHERE
                `t34`.`rn` = 0
            ) AS `t35`
          ) AS `t36`
        )
    ) AS `t40`
    INNER JOIN `t17` AS `t21`
      ON `t40`.`offence_pk` = `t21`.`offence_pk`
  ) AS `t41`
  GROUP BY
    1
) AS `t43`
  ON `t37`.`outcome_pk` = `t43`.`outcome_pk`
LEFT OUTER JOIN (
  SELECT
    `t51`.`service_id`,
    `t51`.`child_pk`,
    COUNT(`t51`.`offence_pk`) AS `reoffences`
  FROM (
    SELECT DISTINCT
      `t50`.`service_id`,
      `t50`.`child_pk`,
      `t50`.`offence_pk`
    FROM (
      SELECT
        `t49`.`service_id`,
        `t49`.`child_pk`,
        `t49`.`index_date`,
        `t49`.`offence_pk`,
        `t49`.`offence_id`,
        `t49`.`offence_date`,
        `t49`.`is_breach`,
        `t30`.`proof_offence_pk`,
        `t30`.`proof_date`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t46`.`service_id`,
            `t46`.`child_pk`,
            `t46`.`index_date`,
            `t24`.`offence_pk`,
            `t24`.`offence_id`,
            `t24`.`offence_date`,
            `t24`.`is_breach`
          FROM (
            SELECT
              `t44`.`service_id`,
              `t44`.`child_pk`,
              `t44`.`index_date`
            FROM (
              SELECT
                `t37`.`service_id`,
                `t37`.`child_pk`,
                `t37`.`child_id`,
                `t37`.`index_date`,
                `t37`.`tier`,
                `t37`.`age`,
                `t37`.`sex`,
                `t37`.`ethnicity`,
                `t43`.`index_seriousness`
              FROM (
                SELECT
                  `t35`.`service_id`,
                  `t35`.`child_pk`,
                  `t35`.`index_date`,
                  `t35`.`kind_rank`,
                  `t35`.`source_pk`,
                  `t35`.`tier`,
                  `t35`.`outcome_pk`,
                  `t35`.`child_id`,
                  `t35`.`dob`,
                  `t35`.`sex`,
                  `t35`.`ethnicity`,
                  `t35`.`prior`,
                  `t35`.`send_status`,
                  `t35`.`age`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t33`.`service_id`,
                      `t33`.`child_pk`,
                      `t33`.`index_date`,
                      `t33`.`kind_rank`,
                      `t33`.`source_pk`,
                      `t33`.`tier`,
                      `t33`.`outcome_pk`,
                      `t33`.`child_id`,
                      `t33`.`dob`,
                      `t33`.`sex`,
                      `t33`.`ethnicity`,
                      `t33`.`prior`,
                      `t33`.`send_status`,
                      `t33`.`age`,
                      ROW_NUMBER() OVER (
                        PARTITION BY `t33`.`service_id`, `t33`.`child_pk`
                        ORDER BY `t33`.`index_date` ASC NULLS LAST, `t33`.`kind_rank` ASC NULLS LAST, `t33`.`source_pk` ASC NULLS LAST
                      ) - 1 AS `rn`
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          `t31`.`service_id`,
                          `t31`.`child_pk`,
                          `t31`.`index_date`,
                          `t31`.`kind_rank`,
                          `t31`.`source_pk`,
                          `t31`.`tier`,
                          `t31`.`outcome_pk`,
                          `t31`.`child_id`,
                          `t31`.`dob`,
                          `t31`.`sex`,
                          `t31`.`ethnicity`,
                          `t31`.`prior`,
                          `t31`.`send_status`,
                          (
                            EXTRACT(year FROM `t31`.`index_date`) - EXTRACT(year FROM `t31`.`dob`)
                          ) - IF(
                            (
                              (
                                EXTRACT(month FROM `t31`.`index_date`) * 100
                              ) + EXTRACT(day FROM `t31`.`index_date`)
                            ) < (
                              (
                                EXTRACT(month FROM `t31`.`dob`) * 100
                              ) + EXTRACT(day FROM `t31`.`dob`)
                            ),
                            1,
                            0
                          ) AS `age`
                        FROM (
                          SELECT
                            `t28`.`service_id`,
                            `t28`.`child_pk`,
                            `t28`.`index_date`,
                            `t28`.`kind_rank`,
                            `t28`.`source_pk`,
                            `t28`.`tier`,
                            `t28`.`outcome_pk`,
                            `t16`.`child_id`,
                            `t16`.`dob`,
                            `t16`.`sex`,
                            `t16`.`ethnicity`,
                            `t16`.`prior`,
                            `t16`.`send_status`
                          FROM (
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
                          ) AS `t28`
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
                          ) AS `t16`
                            ON `t28`.`child_pk` = `t16`.`child_pk` AND `t28`.`service_id` = `t16`.`service_id`
                        ) AS `t31`
                      ) AS `t32`
                      WHERE
                        `t32`.`age` BETWEEN 10 AND 17
                    ) AS `t33`
                  ) AS `t34`
                  WHERE
                    `t34`.`rn` = 0
                ) AS `t35`
              ) AS `t37`
              LEFT OUTER JOIN (
                SELECT
                  `t41`.`outcome_pk`,
                  MAX(`t41`.`seriousness`) AS `index_seriousness`
                FROM (
                  SELECT
                    `t40`.`outcome_pk`,
                    `t40`.`offence_pk`,
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
                          `t36`.`outcome_pk`
                        FROM (
                          SELECT
                            `t35`.`service_id`,
                            `t35`.`child_pk`,
                            `t35`.`index_date`,
                            `t35`.`kind_rank`,
                            `t35`.`source_pk`,
                            `t35`.`tier`,
                            `t35`.`outcome_pk`,
                            `t35`.`child_id`,
                            `t35`.`dob`,
                            `t35`.`sex`,
                            `t35`.`ethnicity`,
                            `t35`.`prior`,
                            `t35`.`send_status`,
                            `t35`.`age`
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                `t33`.`service_id`,
                                `t33`.`child_pk`,
                                `t33`.`index_date`,
                                `t33`.`kind_rank`,
                                `t33`.`source_pk`,
                                `t33`.`tier`,
                                `t33`.`outcome_pk`,
                                `t33`.`child_id`,
                                `t33`.`dob`,
                                `t33`.`sex`,
                                `t33`.`ethnicity`,
                                `t33`.`prior`,
                                `t33`.`send_status`,
                                `t33`.`age`,
                                ROW_NUMBER() OVER (
                                  PARTITION BY `t33`.`service_id`, `t33`.`child_pk`
                                  ORDER BY `t33`.`index_date` ASC NULLS LAST, `t33`.`kind_rank` ASC NULLS LAST, `t33`.`source_pk` ASC NULLS LAST
                                ) - 1 AS `rn`
                              FROM (
                                SELECT
                                  *
                                FROM (
                                  SELECT
                                    `t31`.`service_id`,
                                    `t31`.`child_pk`,
                                    `t31`.`index_date`,
                                    `t31`.`kind_rank`,
                                    `t31`.`source_pk`,
                                    `t31`.`tier`,
                                    `t31`.`outcome_pk`,
                                    `t31`.`child_id`,
                                    `t31`.`dob`,
                                    `t31`.`sex`,
                                    `t31`.`ethnicity`,
                                    `t31`.`prior`,
                                    `t31`.`send_status`,
                                    (
                                      EXTRACT(year FROM `t31`.`index_date`) - EXTRACT(year FROM `t31`.`dob`)
                                    ) - IF(
                                      (
                                        (
                                          EXTRACT(month FROM `t31`.`index_date`) * 100
                                        ) + EXTRACT(day FROM `t31`.`index_date`)
                                      ) < (
                                        (
                                          EXTRACT(month FROM `t31`.`dob`) * 100
                                        ) + EXTRACT(day FROM `t31`.`dob`)
                                      ),
                                      1,
                                      0
                                    ) AS `age`
                                  FROM (
                                    SELECT
                                      `t28`.`service_id`,
                                      `t28`.`child_pk`,
                                      `t28`.`index_date`,
                                      `t28`.`kind_rank`,
                                      `t28`.`source_pk`,
                                      `t28`.`tier`,
                                      `t28`.`outcome_pk`,
                                      `t16`.`child_id`,
                                      `t16`.`dob`,
                                      `t16`.`sex`,
                                      `t16`.`ethnicity`,
                                      `t16`.`prior`,
                                      `t16`.`send_status`
                                    FROM (
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
                                    ) AS `t28`
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
                                    ) AS `t16`
                                      ON `t28`.`child_pk` = `t16`.`child_pk` AND `t28`.`service_id` = `t16`.`service_id`
                                  ) AS `t31`
                                ) AS `t32`
                                WHERE
                                  `t32`.`age` BETWEEN 10 AND 17
                              ) AS `t33`
                            ) AS `t34`
                            WHERE
                              `t34`.`rn` = 0
                          ) AS `t35`
                        ) AS `t36`
                      )
                  ) AS `t40`
                  INNER JOIN `t17` AS `t21`
                    ON `t40`.`offence_pk` = `t21`.`offence_pk`
                ) AS `t41`
                GROUP BY
                  1
              ) AS `t43`
                ON `t37`.`outcome_pk` = `t43`.`outcome_pk`
            ) AS `t44`
          ) AS `t46`
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
            ON `t46`.`child_pk` = `t24`.`child_pk` AND `t46`.`service_id` = `t24`.`service_id`
        ) AS `t47`
        WHERE
          `t47`.`offence_date` > `t47`.`index_date`
          AND `t47`.`offence_date` <= (
            `t47`.`index_date` + INTERVAL '12' MONTH
          )
          AND NOT (
            `t47`.`is_breach`
          )
      ) AS `t49`
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
      ) AS `t30`
        ON `t49`.`offence_pk` = `t30`.`proof_offence_pk`
    ) AS `t50`
    WHERE
      `t50`.`proof_date` <= (
        `t50`.`index_date` + INTERVAL '18' MONTH
      )
  ) AS `t51`
  GROUP BY
    1,
    2
) AS `t53`
  ON `t37`.`service_id` = `t53`.`service_id` AND `t37`.`child_pk` = `t53`.`child_pk`
