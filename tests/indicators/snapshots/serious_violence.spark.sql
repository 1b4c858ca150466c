SELECT
  `t27`.`service_id`,
  `t27`.`offence_pk`,
  `t27`.`offence_id`,
  `t27`.`child_pk`,
  `t27`.`child_id`,
  `t27`.`category`,
  `t27`.`category_name`,
  `t27`.`seriousness`,
  `t27`.`offence_date`,
  `t27`.`proven_on`
FROM (
  SELECT
    `t26`.`service_id`,
    `t26`.`offence_pk`,
    `t26`.`offence_id`,
    `t26`.`child_pk`,
    `t26`.`offence_date`,
    `t26`.`category`,
    `t26`.`category_name`,
    `t26`.`seriousness`,
    `t26`.`weapon`,
    `t26`.`description`,
    `t26`.`is_breach`,
    `t26`.`proven_on`,
    `t26`.`child_id`,
    `t26`.`dob`,
    `t26`.`sex`,
    `t26`.`ethnicity`,
    `t26`.`prior`,
    `t26`.`send_status`,
    (
      EXTRACT(year FROM `t26`.`offence_date`) - EXTRACT(year FROM `t26`.`dob`)
    ) - IF(
      (
        (
          EXTRACT(month FROM `t26`.`offence_date`) * 100
        ) + EXTRACT(day FROM `t26`.`offence_date`)
      ) < (
        (
          EXTRACT(month FROM `t26`.`dob`) * 100
        ) + EXTRACT(day FROM `t26`.`dob`)
      ),
      1,
      0
    ) AS `age`
  FROM (
    SELECT
      `t25`.`service_id`,
      `t25`.`offence_pk`,
      `t25`.`offence_id`,
      `t25`.`child_pk`,
      `t25`.`offence_date`,
      `t25`.`category`,
      `t25`.`category_name`,
      `t25`.`seriousness`,
      `t25`.`weapon`,
      `t25`.`description`,
      `t25`.`is_breach`,
      `t25`.`proven_on`,
      `t13`.`child_id`,
      `t13`.`dob`,
      `t13`.`sex`,
      `t13`.`ethnicity`,
      `t13`.`prior`,
      `t13`.`send_status`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t19`.`service_id`,
          `t19`.`offence_pk`,
          `t19`.`offence_id`,
          `t19`.`child_pk`,
          `t19`.`offence_date`,
          `t19`.`category`,
          `t19`.`category_name`,
          `t19`.`seriousness`,
          `t19`.`weapon`,
          `t19`.`description`,
          `t19`.`is_breach`,
          `t22`.`proven_on`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t6`.`service_id`,
              `t6`.`id` AS `offence_pk`,
              `t6`.`reference` AS `offence_id`,
              `t6`.`child_id` AS `child_pk`,
              `t6`.`offence_date`,
              `t6`.`category_id` AS `category`,
              `t7`.`name` AS `category_name`,
              `t6`.`seriousness`,
              `t6`.`weapon`,
              `t6`.`description`,
              `t7`.`is_breach`
            FROM `offending_offence` AS `t6`
            INNER JOIN `offending_offencecategory` AS `t7`
              ON `t6`.`category_id` = `t7`.`code`
          ) AS `t14`
          WHERE
            `t14`.`category` IN ('drugs', 'robbery', 'violence_against_the_person')
            AND `t14`.`seriousness` >= 5
        ) AS `t19`
        INNER JOIN (
          SELECT
            `t20`.`offence_pk`,
            MIN(`t20`.`outcome_date`) AS `proven_on`
          FROM (
            SELECT
              `t12`.`outcome_pk`,
              `t12`.`offence_pk`,
              `t18`.`service_id`,
              `t18`.`outcome_id`,
              `t18`.`child_pk`,
              `t18`.`outcome_date`,
              `t18`.`outcome_type`,
              `t18`.`tier`,
              `t18`.`substantive`,
              `t18`.`custodial`,
              `t18`.`psr_proposal`
            FROM (
              SELECT
                `t3`.`outcome_id` AS `outcome_pk`,
                `t3`.`offence_id` AS `offence_pk`
              FROM `offending_outcome_offences` AS `t3`
            ) AS `t12`
            INNER JOIN (
              SELECT
                *
              FROM (
                SELECT
                  `t8`.`service_id`,
                  `t8`.`id` AS `outcome_pk`,
                  `t8`.`reference` AS `outcome_id`,
                  `t8`.`child_id` AS `child_pk`,
                  `t8`.`outcome_date`,
                  `t8`.`outcome_type_id` AS `outcome_type`,
                  `t9`.`tier`,
                  `t9`.`substantive`,
                  `t9`.`custodial`,
                  `t8`.`psr_proposal_id` AS `psr_proposal`
                FROM `offending_outcome` AS `t8`
                INNER JOIN `offending_outcometype` AS `t9`
                  ON `t8`.`outcome_type_id` = `t9`.`code`
              ) AS `t15`
              WHERE
                `t15`.`substantive`
            ) AS `t18`
              ON `t12`.`outcome_pk` = `t18`.`outcome_pk`
          ) AS `t20`
          GROUP BY
            1
        ) AS `t22`
          ON `t19`.`offence_pk` = `t22`.`offence_pk`
      ) AS `t23`
      WHERE
        `t23`.`proven_on` BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)
    ) AS `t25`
    INNER JOIN (
      SELECT
        `t0`.`service_id`,
        `t0`.`id` AS `child_pk`,
        `t0`.`reference` AS `child_id`,
        `t0`.`date_of_birth` AS `dob`,
        `t0`.`sex`,
        `t0`.`ethnicity`,
        COALESCE(`t0`.`prior_substantive_outcome`, FALSE) AS `prior`,
        `t0`.`send_status`
      FROM `people_child` AS `t0`
    ) AS `t13`
      ON `t25`.`child_pk` = `t13`.`child_pk` AND `t25`.`service_id` = `t13`.`service_id`
  ) AS `t26`
) AS `t27`
WHERE
  `t27`.`age` BETWEEN 10 AND 17
