"""A script for spark-submit, which wants a Python file: it runs the ``bilateral`` command line.

    spark-submit --master yarn ... "$(python -c 'import bilateral.spark.submit as m; print(m.__file__)')" \
        code --engine spark docs/ --out hdfs:///events/run1

The session the command asks for (``bilateral.spark.session.spark_session``) is spark-submit's.
"""
from bilateral.cli.main import main

if __name__ == "__main__":
    main()
