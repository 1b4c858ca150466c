SELECT
  `t13`.`service_id`,
  `t13`.`child_pk`,
  `t13`.`child_id`,
  `t13`.`first_date` AS `date`,
  `t13`.`age`,
  `t13`.`sex`,
  `t13`.`ethnicity`
FROM (
  SELECT
    `t12`.`service_id`,
    `t12`.`child_pk`,
    `t12`.`first_date`,
    `t12`.`child_id`,
    `t12`.`dob`,
    `t12`.`sex`,
    `t12`.`ethnicity`,
    `t12`.`prior`,
    `t12`.`send_status`,
    (
      EXTRACT(year FROM `t12`.`first_date`) - EXTRACT(year FROM `t12`.`dob`)
    ) - IF(
      (
        (
          EXTRACT(month FROM `t12`.`first_date`) * 100
        ) + EXTRACT(day FROM `t12`.`first_date`)
      ) < (
        (
          EXTRACT(month FROM `t12`.`dob`) * 100
        ) + EXTRACT(day FROM `t12`.`dob`)
      ),
      1,
      0
    ) AS `age`
  FROM (
    SELECT
      `t11`.`service_id`,
      `t11`.`child_pk`,
      `t11`.`first_date`,
      `t6`.`child_id`,
      `t6`.`dob`,
      `t6`.`sex`,
      `t6`.`ethnicity`,
      `t6`.`prior`,
      `t6`.`send_status`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t8`.`service_id`,
          `t8`.`child_pk`,
          MIN(`t8`.`outcome_date`) AS `first_date`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t3`.`service_id`,
              `t3`.`id` AS `outcome_pk`,
              `t3`.`reference` AS `outcome_id`,
              `t3`.`child_id` AS `child_pk`,
              `t3`.`outcome_date`,
              `t3`.`outcome_type_id` AS `outcome_type`,
              `t4`.`tier`,
              `t4`.`substantive`,
              `t4`.`custodial`,
              `t3`.`psr_proposal_id` AS `psr_proposal`
            FROM `offending_outcome` AS `t3`
            INNER JOIN `offending_outcometype` AS `t4`
              ON `t3`.`outcome_type_id` = `t4`.`code`
          ) AS `t7`
          WHERE
            `t7`.`substantive`
        ) AS `t8`
        GROUP BY
          1,
          2
      ) AS `t9`
      WHERE
        `t9`.`first_date` BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)
    ) AS `t11`
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
    ) AS `t6`
      ON `t11`.`child_pk` = `t6`.`child_pk` AND `t11`.`service_id` = `t6`.`service_id`
  ) AS `t12`
) AS `t13`
WHERE
  `t13`.`age` BETWEEN 10 AND 17 AND NOT (
    `t13`.`prior`
  )
